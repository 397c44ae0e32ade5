// The race detector makes sync.Pool drop items at random, which adds
// allocations these counts would take for regressions.

//go:build !race

package middleware_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/middleware"
)

// TestContentTypeRefusalAllocations: a 415 that quotes the request's media
// type or coding builds only its detail and the problem holding it; the
// header fields and the rest are prepared once (they took 5 allocations
// before).
func TestContentTypeRefusalAllocations(t *testing.T) {
	h := middleware.ContentType(middleware.ContentTypeOptions{Accept: []string{"application/json"}})(terminal)
	tests := []struct{ name, contentType, encoding string }{
		{"media type", "text/plain", ""},
		{"coding", "application/json", "br"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newBenchRequest(http.MethodPost, strings.NewReader("x"), tt.contentType)
			if tt.encoding != "" {
				r.Header.Set("Content-Encoding", tt.encoding)
			}
			w := &statusWriter{nopWriter: nopWriter{h: http.Header{}}}
			n := testing.AllocsPerRun(100, func() { clear(w.h); h.ServeHTTP(w, r) })
			if w.status != http.StatusUnsupportedMediaType {
				t.Fatalf("status %d, want 415", w.status)
			}
			if n > 2 {
				t.Errorf("%.0f allocations per 415, want at most 2", n)
			}
		})
	}
}

// statusWriter is a nopWriter that keeps the status.
type statusWriter struct {
	nopWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) { w.status = status }
