package errorsx_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
)

// logBuffer returns a logger writing every level as text into the buffer.
func logBuffer() (*slog.Logger, *bytes.Buffer) {
	var buf bytes.Buffer
	return slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})), &buf
}

// requiredHeaders gives p the headers its status requires, so a Strict
// renderer accepts it.
func withRequiredHeaders(p *errorsx.Problem) *errorsx.Problem {
	c, ok := catalog.Standard().ForStatus(p.Status)
	if !ok {
		return p
	}
	for _, h := range c.RequiredHeaders {
		switch h {
		case "WWW-Authenticate", "Proxy-Authenticate":
			p.WithHeader(h, `Basic realm="test"`)
		case "Allow":
			p.WithHeader(h, "GET, HEAD")
		case "Upgrade":
			p.WithHeader(h, "TLS/1.3")
		case "Retry-After":
			p.WithHeader(h, "5")
		}
	}
	return p
}

// serve starts a server that renders whatever problem the test hands it.
func serve(t *testing.T, rd *errorsx.Renderer, p func(r *http.Request) error) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rd.Write(w, r, p(r))
	}))
	t.Cleanup(srv.Close)
	return srv
}
