package chix_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/fourxx/fourxx/middleware"
	"github.com/fourxx/fourxx/middleware/chix"
)

// discard is a ResponseWriter that keeps a header map and drops the rest.
type discard struct{ h http.Header }

func (w *discard) Header() http.Header         { return w.h }
func (w *discard) Write(b []byte) (int, error) { return len(b), nil }
func (w *discard) WriteHeader(int)             {}

var body = []byte("ok")

func benchRouter(b *testing.B, setup bool, method string, mws ...func(http.Handler) http.Handler) {
	r := chi.NewRouter()
	r.Use(mws...)
	if setup {
		chix.Setup(r, chix.Options{Renderer: strict})
	}
	r.Get("/items/{id}", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(body) })
	req := httptest.NewRequest(method, "/items/7", nil)
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		r.ServeHTTP(w, req)
	}
}

// BenchmarkBareChi is a chi router without Setup, the baseline.
func BenchmarkBareChi(b *testing.B) { benchRouter(b, false, http.MethodGet) }

// BenchmarkSetup is the same router after Setup: a routed GET pays for
// Normalize's wrapper.
func BenchmarkSetup(b *testing.B) { benchRouter(b, true, http.MethodGet) }

// BenchmarkSetupBehindRecover adds middleware.Recover before Setup, whose
// writer holds Normalize's: compare with BenchmarkRecoverBareChi.
func BenchmarkSetupBehindRecover(b *testing.B) {
	benchRouter(b, true, http.MethodGet, middleware.Recover(middleware.RecoverOptions{Renderer: strict}))
}

// BenchmarkRecoverBareChi is a chi router with middleware.Recover and
// without Setup.
func BenchmarkRecoverBareChi(b *testing.B) {
	benchRouter(b, false, http.MethodGet, middleware.Recover(middleware.RecoverOptions{Renderer: strict}))
}

// BenchmarkSetupMethodNotAllowed is a 405 with Allow recomputed from the
// route tree.
func BenchmarkSetupMethodNotAllowed(b *testing.B) { benchRouter(b, true, http.MethodPut) }
