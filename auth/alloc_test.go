// The race detector makes sync.Pool drop items at random, which adds
// allocations these counts would take for regressions.

//go:build !race

package auth_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
)

// TestNoCredentialsAllocatesNothing: Authenticate answers a request without
// credentials from the 401 prepared at New, without allocating, behind
// Identify as well as alone.
func TestNoCredentialsAllocatesNothing(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{Logger: slog.New(slog.DiscardHandler)})
	a := auth.New(auth.Options{Renderer: rd, Schemes: []auth.Scheme{auth.Bearer(auth.BearerOptions{Realm: "api", Verify: tokens})}})
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	w := &headerWriter{h: http.Header{}}
	for name, h := range map[string]http.Handler{"Authenticate": a.Authenticate(whoami), "Identify+Authenticate": a.Identify(a.Authenticate(whoami))} {
		if n := testing.AllocsPerRun(100, func() { clear(w.h); h.ServeHTTP(w, r) }); n != 0 {
			t.Errorf("%s: %.0f allocations per 401", name, n)
		}
		if w.status != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, w.status)
		}
	}
}

// headerWriter keeps the header map and the status and drops the body.
type headerWriter struct {
	h      http.Header
	status int
}

func (w *headerWriter) Header() http.Header         { return w.h }
func (w *headerWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *headerWriter) WriteHeader(status int)      { w.status = status }
