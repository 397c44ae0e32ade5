// The race detector makes sync.Pool drop items at random, which adds
// allocations these counts would take for regressions.

//go:build !race

package errorsx_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
)

// A prepared problem is written without allocating.
func TestPreparedWriteAllocations(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{})
	pp := errorsx.Prepare(preparedSample())
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	w := &nopWriter{h: make(http.Header)}
	rd.Write(w, req, pp)
	if n := testing.AllocsPerRun(100, func() { clear(w.h); rd.Write(w, req, pp) }); n != 0 {
		t.Errorf("%v allocations per write, want 0", n)
	}
}
