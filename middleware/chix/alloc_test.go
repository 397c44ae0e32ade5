// The race detector makes sync.Pool drop items at random, which adds
// allocations these counts would take for regressions.

//go:build !race

package chix_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/fourxx/fourxx/middleware"
	"github.com/fourxx/fourxx/middleware/chix"
)

// TestRefusalsAllocateLikeRoutedRequests: on routes of one router, a 405
// reuses the problem prepared for the path's set of methods, so it
// allocates no more than a routed request (chi's route context and
// Normalize's writer). Before the problems were prepared it took 17
// allocations against 5.
func TestRefusalsAllocateLikeRoutedRequests(t *testing.T) {
	r := chi.NewRouter()
	chix.Setup(r, chix.Options{Renderer: strict})
	r.Get("/items/{id}", ok)
	r.Delete("/items/{id}", ok)
	w := &discard{h: http.Header{}}
	serve := func(method string) func() {
		req := httptest.NewRequest(method, "/items/7", nil)
		return func() { clear(w.h); r.ServeHTTP(w, req) }
	}
	routed := testing.AllocsPerRun(200, serve(http.MethodGet))
	for _, method := range []string{http.MethodPatch, http.MethodPost} {
		if n := testing.AllocsPerRun(200, serve(method)); n > routed {
			t.Errorf("%s: 405 allocates %.0f times, a routed GET %.0f", method, n, routed)
		}
	}
}

// TestRefusalsPrepared: the answers prepared for one set of methods serve
// every later request to a path with that set, nested and mounted routers
// included.
func TestRefusalsPrepared(t *testing.T) {
	api := newChiAPI()
	tests := []struct{ method, path, allow string }{
		{http.MethodPatch, "/items/7", "GET, HEAD, PUT, DELETE"},
		{http.MethodPost, "/items/7", "GET, HEAD, PUT, DELETE"},
		{http.MethodPut, "/admin/users/ann", "GET, HEAD, PATCH"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			for range 2 { // the second answer comes from the prepared problem
				rec := httptest.NewRecorder()
				api.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
				if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != tt.allow {
					t.Fatalf("%d Allow %q, want 405 Allow %q", rec.Code, rec.Header().Get("Allow"), tt.allow)
				}
			}
		})
	}
}

// TestRoutedRequestAllocations: a routed request costs one allocation more
// than on a bare chi router (Normalize's writer), and none more with
// middleware.Recover before Setup than Recover costs alone, since
// Recover's writer holds Normalize's.
func TestRoutedRequestAllocations(t *testing.T) {
	routed := func(setup func(chi.Router)) float64 {
		r := chi.NewRouter()
		setup(r)
		r.Get("/items/{id}", ok)
		req := httptest.NewRequest(http.MethodGet, "/items/7", nil)
		w := &discard{h: http.Header{}}
		return testing.AllocsPerRun(200, func() { clear(w.h); r.ServeHTTP(w, req) })
	}
	recoverer := middleware.Recover(middleware.RecoverOptions{Renderer: strict})
	bare := routed(func(chi.Router) {})
	withRecover := routed(func(r chi.Router) { r.Use(recoverer) })
	setup := routed(func(r chi.Router) { chix.Setup(r, chix.Options{Renderer: strict}) })
	both := routed(func(r chi.Router) { r.Use(recoverer); chix.Setup(r, chix.Options{Renderer: strict}) })
	if setup != bare+1 {
		t.Errorf("Setup: %.0f allocations, bare chi %.0f; want one more", setup, bare)
	}
	if withRecover != bare+1 || both != withRecover {
		t.Errorf("Recover and Setup: %.0f allocations, Recover alone %.0f, bare chi %.0f; want Recover's one more than bare, and Setup none more", both, withRecover, bare)
	}
}
