// The race detector makes sync.Pool drop items at random, which adds
// allocations these counts would take for regressions.

//go:build !race

package ratelimit_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/fourxx/fourxx/ratelimit"
)

// An admitted request of a single-policy limiter sends its RateLimit and
// RateLimit-Policy fields without allocating, whether its bucket was full
// (the prepared line) or part-way empty (a cached line), and so does a 429
// whose problem is prepared, for a window of one second and of a day.
func TestLimiterPathsDoNotAllocate(t *testing.T) {
	for _, p := range []ratelimit.Policy{
		{Name: "second", Rate: 10, Burst: 10},
		{Name: "daily", Rate: 10000.0 / 86400, Burst: 10000},
	} {
		t.Run(p.Name, func(t *testing.T) {
			clock := newClock()
			l := ratelimit.New(ratelimit.Options{Renderer: strict, Policies: []ratelimit.Policy{p},
				Store: ratelimit.NewMemoryStore(ratelimit.MemoryOptions{Now: clock.Now})})
			h := l.Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.RemoteAddr = "192.0.2.1:1234"
			w := &discardWriter{h: make(http.Header)}
			serve := func() { w.reset(); h.ServeHTTP(w, req) }
			iv := time.Duration(float64(time.Second) / float64(p.Rate))
			// Full before each request: the clock moves a whole bucket on.
			full := func() { clock.Advance(time.Duration(p.Burst) * iv); serve() }
			if n := testing.AllocsPerRun(100, full); n != 0 || w.code != 0 || w.h.Get("RateLimit") == "" {
				t.Errorf("full bucket: %v allocations, status %d, RateLimit %q", n, w.code, w.h.Get("RateLimit"))
			}
			// Half empty, alternating between two levels the warm-up cached.
			clock.Advance(time.Duration(p.Burst) * iv)
			for range p.Burst / 2 {
				serve()
			}
			half := func() { serve(); clock.Advance(iv) }
			half()
			if n := testing.AllocsPerRun(100, half); n != 0 || w.code != 0 || w.h.Get("RateLimit") == "" {
				t.Errorf("half-empty bucket: %v allocations, status %d, RateLimit %q", n, w.code, w.h.Get("RateLimit"))
			}
			// Empty: each request is refused with the prepared problem.
			for w.code == 0 {
				serve()
			}
			if n := testing.AllocsPerRun(100, serve); n != 0 || w.code != http.StatusTooManyRequests {
				t.Errorf("refused: %v allocations, status %d", n, w.code)
			}
		})
	}
}
