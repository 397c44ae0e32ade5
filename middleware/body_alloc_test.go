// The race detector makes sync.Pool drop items at random, which adds
// allocations these counts would take for regressions.

//go:build !race

package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/middleware"
)

// TestBodyLimitDeclaredRejectIsPrepared: rule 8 — the 413 for a declared
// Content-Length over the limit is built at construction, so rejecting costs
// no more allocations than rendering a ready-made 413 problem.
func TestBodyLimitDeclaredRejectIsPrepared(t *testing.T) {
	h := middleware.BodyLimit(middleware.BodyLimitOptions{Renderer: strict, MaxBytes: 16, RetryAfter: time.Second})(ok)
	prepared := errorsx.ContentTooLarge(16).WithHeader("Retry-After", "1")
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(strings.Repeat("a", 17)))
	w := &nopWriter{h: http.Header{}}
	render := testing.AllocsPerRun(100, func() { clear(w.h); strict.Write(w, r, prepared) })
	reject := testing.AllocsPerRun(100, func() { clear(w.h); h.ServeHTTP(w, r) })
	if reject > render {
		t.Errorf("413 path: %.0f allocs, rendering a prepared problem: %.0f", reject, render)
	}
}

// TestStaticRejectsArePrepared: rule 8 — the 406 of Produces and the 415 of
// ContentType for a body without Content-Type depend on nothing in the
// request, so they cost no more allocations than rendering a ready problem.
func TestStaticRejectsArePrepared(t *testing.T) {
	produces := middleware.Produces(middleware.ProducesOptions{Renderer: strict, Types: []string{"application/json"}})(ok)
	contentType := middleware.ContentType(middleware.ContentTypeOptions{Renderer: strict, Accept: []string{"application/json"}})(ok)
	notAcceptable := httptest.NewRequest(http.MethodGet, "/", nil)
	notAcceptable.Header.Set("Accept", "text/html")
	untyped := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("{}"))
	w := &nopWriter{h: http.Header{}}
	prepared := errorsx.New(http.StatusNotAcceptable, "x")
	render := testing.AllocsPerRun(100, func() { clear(w.h); strict.Write(w, notAcceptable, prepared) })
	for name, tt := range map[string]struct {
		h http.Handler
		r *http.Request
	}{"406": {produces, notAcceptable}, "415": {contentType, untyped}} {
		if got := testing.AllocsPerRun(100, func() { clear(w.h); tt.h.ServeHTTP(w, tt.r) }); got > render {
			t.Errorf("%s path: %.0f allocs, rendering a prepared problem: %.0f", name, got, render)
		}
	}
}
