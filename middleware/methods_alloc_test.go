// The race detector makes sync.Pool drop items at random, which adds
// allocations these counts would take for regressions.

//go:build !race

package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/middleware"
)

// TestMethodsRejectUsesPreparedProblems: rule 8 — the 405 and OPTIONS
// answers of a Methods middleware are built at construction, so rejecting
// costs no more allocations than rendering a ready-made 405 problem.
func TestMethodsRejectUsesPreparedProblems(t *testing.T) {
	h := middleware.Methods(middleware.MethodsOptions{Renderer: strict}, http.MethodGet, http.MethodPost)(ok)
	prepared := errorsx.MethodNotAllowed(http.MethodDelete, http.MethodGet, http.MethodHead, http.MethodPost)
	del := httptest.NewRequest(http.MethodDelete, "/", nil)
	opts := httptest.NewRequest(http.MethodOptions, "/", nil)
	w := &nopWriter{h: http.Header{}}
	render := testing.AllocsPerRun(100, func() { clear(w.h); strict.Write(w, del, prepared) })
	reject := testing.AllocsPerRun(100, func() { clear(w.h); h.ServeHTTP(w, del) })
	if reject > render {
		t.Errorf("405 path: %.0f allocs, rendering a prepared problem: %.0f", reject, render)
	}
	if options := testing.AllocsPerRun(100, func() { clear(w.h); h.ServeHTTP(w, opts) }); options != 0 {
		t.Errorf("OPTIONS path: %.0f allocs, want 0", options)
	}
}
