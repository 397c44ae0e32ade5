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

func TestAnswerAllocatesNothing(t *testing.T) {
	set, _ := methods.NewSet(nil)
	allow := methods.NewAllow([]string{"GET", "HEAD"})
	r := httptest.NewRequest(http.MethodOptions, "/x", nil)
	w := &headerOnly{h: http.Header{}}
	if n := testing.AllocsPerRun(100, func() { set.Answer(w, r, allow) }); n != 0 {
		t.Fatalf("%.0f allocations per OPTIONS answer", n)
	}
}
