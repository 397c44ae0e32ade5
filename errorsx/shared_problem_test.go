package errorsx_test

import (
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
)

// A prepared problem whose Vary lines leave spare capacity (three WithHeader
// calls grow the slice to capacity 4): merging "Accept" into the response's
// Vary must not write into the problem's own memory, or two requests written
// with it at once race, and a later change to the problem rewrites a
// response that was already built.
func TestPreparedProblemHeadersAreNotShared(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true})
	p := errorsx.NotFound("x").WithHeader("Vary", "Origin").WithHeader("Vary", "Cookie").WithHeader("Vary", "Authorization")

	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			rd.Write(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), p)
		})
	}
	wg.Wait()

	rec := httptest.NewRecorder()
	rd.Write(rec, httptest.NewRequest("GET", "/", nil), p)
	p.WithHeader("Vary", "X-Later")
	if got := rec.Header().Values("Vary"); fmt.Sprint(got) != "[Origin Cookie Authorization Accept]" {
		t.Errorf("response Vary %v after the problem changed", got)
	}
	if got := p.Header.Values("Vary"); fmt.Sprint(got) != "[Origin Cookie Authorization X-Later]" {
		t.Errorf("problem Vary %v", got)
	}
}
