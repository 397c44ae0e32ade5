// The race detector makes sync.Pool drop items at random, which adds
// allocations these counts would take for regressions.

//go:build !race

package methods_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/internal/methods"
)

func TestRefusalsAnswerAllocatesNothing(t *testing.T) {
	set, _ := methods.NewSet(nil)
	rf := methods.NewRefusals(set, []string{"GET", "HEAD"}, func(m string, _ ...string) *string { return &m })
	r := httptest.NewRequest(http.MethodDelete, "/x", nil)
	w := &headerOnly{h: http.Header{}}
	if n := testing.AllocsPerRun(100, func() { rf.Answer(w, r) }); n != 0 {
		t.Fatalf("%.0f allocations per 405 answer", n)
	}
}
