package reference_test

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/reference"
	"github.com/fourxx/fourxx/middleware"
	"github.com/fourxx/fourxx/ratelimit"
)

// The example responses on the pages of the codes the suite's own
// components send are exactly what those components send: the same
// status, header fields and body, written by the same renderer for the
// page's example request.
func TestExamplesAreWhatTheMiddlewaresSend(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://api.example.com/problems/", Strict: true, Logger: slog.New(slog.DiscardHandler)})
	site := reference.Handler(reference.Options{Renderer: rd})
	ok := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})

	clock := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	limiter := ratelimit.New(ratelimit.Options{
		Renderer: rd,
		Policies: []ratelimit.Policy{{Name: "default", Rate: 10, Burst: 10}},
		Key:      func(*http.Request) (string, error) { return "client", nil },
		Store:    ratelimit.NewMemoryStore(ratelimit.MemoryOptions{Now: func() time.Time { return clock }}),
	})
	exhausted := limiter.Handler(ok)
	for range 10 {
		exhausted.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/v1/widgets", nil))
	}

	tests := []struct {
		slug    string
		handler http.Handler
	}{
		{"too-many-requests", exhausted},
		{"not-found", middleware.NotFound(middleware.NotFoundOptions{Renderer: rd})},
		{"method-not-allowed", middleware.Methods(middleware.MethodsOptions{Renderer: rd}, "GET", "HEAD", "PUT", "DELETE")(ok)},
		{"not-implemented", middleware.Methods(middleware.MethodsOptions{Renderer: rd}, "GET", "HEAD")(ok)},
		{"internal-server-error", middleware.Recover(middleware.RecoverOptions{Renderer: rd})(
			http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(errors.New("widget store: connection reset")) }))},
	}
	for _, tt := range tests {
		t.Run(tt.slug, func(t *testing.T) {
			page := httptest.NewRecorder()
			req := httptest.NewRequest("GET", "/problems/"+tt.slug, nil)
			req.Header.Set("Accept", "application/json")
			site.ServeHTTP(page, req)
			var doc struct {
				Example struct {
					Request string
					Status  int
					Headers http.Header
					Body    string
				}
			}
			if err := json.Unmarshal(page.Body.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			ex := doc.Example
			method, target, _ := strings.Cut(strings.TrimSuffix(ex.Request, " HTTP/1.1"), " ")
			real := httptest.NewRequest(method, "https://api.example.com"+target, nil)
			real.Header.Set("Accept", "application/problem+json")
			rec := httptest.NewRecorder()
			tt.handler.ServeHTTP(rec, real)
			if rec.Code != ex.Status {
				t.Errorf("status %d, the page shows %d", rec.Code, ex.Status)
			}
			if rec.Body.String() != ex.Body {
				t.Errorf("body\n%s\nthe page shows\n%s", rec.Body, ex.Body)
			}
			got := rec.Header().Clone()
			got.Del("Content-Length")
			for name, values := range ex.Headers {
				if strings.Join(got[name], "\n") != strings.Join(values, "\n") {
					t.Errorf("%s: %q, the page shows %q", name, got[name], values)
				}
				delete(got, name)
			}
			for name, values := range got {
				t.Errorf("%s: %q is sent, but the page does not show it", name, values)
			}
		})
	}
}
