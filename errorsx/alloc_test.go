// The race detector makes sync.Pool drop items at random, which adds
// allocations these counts would take for regressions.

//go:build !race

package errorsx_test

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
)

// Writing a problem allocates nothing, for every format and for HEAD; a
// 404 built per request, as a handler does, costs its one problem of at
// most 144 bytes.
func TestWriteAllocations(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://api.example.com/problems/"})
	w := &discardWriter{h: make(http.Header, 8)}
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		for _, accept := range []string{"", "application/json", "*/*", "application/problem+json", "application/problem+xml", "text/html, */*;q=0.1"} {
			req := httptest.NewRequest(method, "/v1/widgets/7", nil)
			if accept != "" {
				req.Header.Set("Accept", accept)
			}
			p := errorsx.NotFound(notFoundDetail)
			rd.Write(w, req, p)
			if n := testing.AllocsPerRun(100, func() { clear(w.h); rd.Write(w, req, p) }); n != 0 {
				t.Errorf("%s, Accept %q: %v allocations per write, want 0", method, accept, n)
			}
			if n := testing.AllocsPerRun(100, func() { clear(w.h); rd.Write(w, req, errorsx.NotFound(notFoundDetail)) }); n != 1 {
				t.Errorf("%s, Accept %q: %v allocations per 404 built and written, want 1 (the problem)", method, accept, n)
			}
		}
	}
	req := httptest.NewRequest(http.MethodGet, "/v1/widgets/7", nil)
	req.Header.Set("Accept", "application/json")
	const n = 10000 // a pooled buffer made again after a collection adds a fraction of a byte
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range n {
		clear(w.h)
		rd.Write(w, req, errorsx.NotFound(notFoundDetail))
	}
	runtime.ReadMemStats(&after)
	if perOp := (after.TotalAlloc - before.TotalAlloc) / n; perOp > 144 {
		t.Errorf("a 404 built and written takes %d bytes, want at most 144", perOp)
	}
}
