// The race detector makes sync.Pool drop items at random, which adds
// allocations these counts would take for regressions.

//go:build !race

package middleware_test

import (
	"net/http"
	"testing"

	"github.com/fourxx/fourxx/middleware"
)

// TestRecoverHoldsNormalizesWriter: Recover in front of a Normalize keeps
// Normalize's wrapper in its own, so the chain (what a chi router set up by
// chix runs behind Recover) wraps the response in one allocation, as each
// does alone; the two took two. A second Normalize further in wraps
// Normalize's writer and allocates its own.
func TestRecoverHoldsNormalizesWriter(t *testing.T) {
	recoverer := middleware.Recover(middleware.RecoverOptions{Renderer: strict})
	normalize := middleware.Normalize(middleware.NormalizeOptions{Renderer: strict})
	tests := []struct {
		name string
		h    http.Handler
		want float64
	}{
		{"Recover", recoverer(terminal), 1},
		{"Normalize", normalize(terminal), 1},
		{"Recover+Normalize", recoverer(normalize(terminal)), 1},
		{"Recover+Normalize+Normalize", recoverer(normalize(normalize(terminal))), 2},
	}
	r := newBenchRequest(http.MethodGet, nil, "")
	w := &nopWriter{h: http.Header{}}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, func() { tt.h.ServeHTTP(w, r) }); n != tt.want {
			t.Errorf("%s: %.0f allocations per request, want %.0f", tt.name, n, tt.want)
		}
	}
}
