package errorsx_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
)

// A handler that prepared headers for the body it meant to send and then
// failed: the problem must not carry that body's validators and
// representation metadata (a CDN would cache the error for a day, a
// browser would download the JSON as report.csv), while the fields about
// the request and the connection survive.
func TestStaleRepresentationHeadersAreDropped(t *testing.T) {
	stale := map[string]string{
		"Cache-Control":       "public, max-age=86400",
		"Expires":             "Wed, 21 Oct 2037 07:28:00 GMT",
		"ETag":                `"v42"`,
		"Last-Modified":       "Wed, 21 Oct 2015 07:28:00 GMT",
		"Content-Disposition": `attachment; filename="report.csv"`,
		"Content-Language":    "de",
		"Content-Location":    "/reports/7.csv",
		"Content-Range":       "bytes 0-99/1000",
		"Content-Encoding":    "gzip",
		"Content-Length":      "12345",
		"Content-Digest":      "sha-256=:AAAA:",
		"Location":            "/reports/7",
		"Trailer":             "Server-Timing",
	}
	survive := map[string]string{
		"Access-Control-Allow-Origin": "https://app.example.com",
		"Set-Cookie":                  "session=abc; HttpOnly",
		"Ratelimit":                   `"default";r=9;t=1`,
		"Ratelimit-Policy":            `"default";q=10;w=1`,
		"X-Request-Id":                "req-7",
		"Strict-Transport-Security":   "max-age=63072000",
		"Content-Security-Policy":     "default-src 'none'",
	}
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"500 from a failed handler", errors.New("rendering report.csv: disk full"), 500},
		{"404 problem", errorsx.NotFound("No report 7."), 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(errorsx.NewRenderer(errorsx.Options{}).Handler(func(w http.ResponseWriter, r *http.Request) error {
				for k, v := range stale {
					w.Header().Set(k, v)
				}
				for k, v := range survive {
					w.Header().Set(k, v)
				}
				w.Header().Set("Vary", "Origin")
				return tt.err
			}))
			defer srv.Close()
			resp, err := http.Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.want || resp.Header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("%d %v %s", resp.StatusCode, resp.Header, body)
			}
			for k := range stale {
				if k == "Content-Length" {
					continue // net/http sets the body's own
				}
				if v := resp.Header.Values(k); len(v) > 0 {
					t.Errorf("stale %s: %q kept", k, v)
				}
			}
			for k, v := range survive {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if got := resp.Header.Values("Vary"); len(got) != 2 || got[0] != "Origin" || got[1] != "Accept" {
				t.Errorf("Vary %q", got)
			}
		})
	}
}

// The problem's own fields are its own: a problem that carries ETag or
// Cache-Control sends them.
func TestProblemsOwnHeadersAreKept(t *testing.T) {
	rec := httptest.NewRecorder()
	rec.Header().Set("Cache-Control", "public, max-age=86400")
	rec.Header().Set("ETag", `"stale"`)
	p := errorsx.New(http.StatusPreconditionFailed, "The widget changed.").
		WithHeader("ETag", `"v43"`).WithHeader("Cache-Control", "private, max-age=5")
	errorsx.NewRenderer(errorsx.Options{Strict: true}).Write(rec, httptest.NewRequest("PUT", "/", nil), p)
	if rec.Header().Get("ETag") != `"v43"` || rec.Header().Get("Cache-Control") != "private, max-age=5" {
		t.Errorf("headers %v", rec.Header())
	}
}
