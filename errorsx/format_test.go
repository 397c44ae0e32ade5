package errorsx_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
)

// resettingWriter re-sets the Content-Type it finds when the header is
// written, as some compressing or logging wrappers do: same value, new
// slice.
type resettingWriter struct{ http.ResponseWriter }

func (w resettingWriter) WriteHeader(code int) {
	w.Header().Set("Content-Type", w.Header().Get("Content-Type"))
	w.ResponseWriter.WriteHeader(code)
}

// The body's format is the one negotiated, whatever a wrapper does to the
// header map in between.
func TestBodyFormatIsTheNegotiatedOne(t *testing.T) {
	tests := []struct{ accept, ct, bodyStart string }{
		{"application/problem+xml", "application/problem+xml", "<?xml"},
		{"application/json", "application/json", "{"},
		{"", "application/problem+json", "{"},
	}
	for _, tt := range tests {
		t.Run(tt.accept, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("GET", "/", nil)
			if tt.accept != "" {
				req.Header.Set("Accept", tt.accept)
			}
			errorsx.NewRenderer(errorsx.Options{Strict: true}).Write(resettingWriter{rec}, req, errorsx.NotFound("x"))
			if rec.Header().Get("Content-Type") != tt.ct || !strings.HasPrefix(rec.Body.String(), tt.bodyStart) {
				t.Errorf("Content-Type %q over body %.40q", rec.Header().Get("Content-Type"), rec.Body)
			}
		})
	}
}
