// The race detector makes sync.Pool drop items at random, which adds
// allocations these counts would take for regressions.

//go:build !race

package middleware_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/middleware"
)

// TestNormalizeRepeatedWarningCostsNothing: once a route's warning was
// logged, a repeated broken 401 costs no more allocations than a correct one.
func TestNormalizeRepeatedWarningCostsNothing(t *testing.T) {
	h := middleware.Normalize(middleware.NormalizeOptions{Renderer: strict, Logger: slog.New(slog.DiscardHandler)})
	broken := h(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusUnauthorized) }))
	correct := h(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Www-Authenticate"] = []string{"Bearer"}
		w.WriteHeader(http.StatusUnauthorized)
	}))
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	w := &nopWriter{h: http.Header{}}
	broken.ServeHTTP(w, req)
	b := testing.AllocsPerRun(50, func() { clear(w.h); broken.ServeHTTP(w, req) })
	c := testing.AllocsPerRun(50, func() { clear(w.h); correct.ServeHTTP(w, req) })
	if b > c {
		t.Fatalf("broken 401: %.0f allocs, correct 401: %.0f", b, c)
	}
}
