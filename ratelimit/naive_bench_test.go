package ratelimit_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"golang.org/x/time/rate"
)

// naiveLimiter is the baseline the limiter's benchmarks are read against:
// the ten lines a user could write instead, a locked map of rate.Limiter
// keyed by the peer's host, answering a plain-text 429 with http.Error.
type naiveLimiter struct {
	mu    sync.Mutex
	m     map[string]*rate.Limiter
	rate  rate.Limit
	burst int
}

func (n *naiveLimiter) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			ip = r.RemoteAddr
		}
		n.mu.Lock()
		lim, ok := n.m[ip]
		if !ok {
			lim = rate.NewLimiter(n.rate, n.burst)
			n.m[ip] = lim
		}
		n.mu.Unlock()
		if !lim.Allow() {
			http.Error(w, http.StatusText(http.StatusTooManyRequests), http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func newNaive(r rate.Limit, burst int) http.Handler {
	return (&naiveLimiter{m: make(map[string]*rate.Limiter), rate: r, burst: burst}).Handler(noop)
}

// Baseline of BenchmarkAllowedOneClient: the naive map admitting one client.
func BenchmarkNaiveAllowedOneClient(b *testing.B) {
	h := newNaive(1e7, 1e6)
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.RemoteAddr = "192.0.2.1:1234"
	w := &discardWriter{h: make(http.Header)}
	b.ReportAllocs()
	for b.Loop() {
		w.reset()
		h.ServeHTTP(w, req)
	}
	if w.code != 0 {
		b.Fatal("request was not admitted")
	}
}

// Baseline of BenchmarkRejected: the naive map's plain-text 429.
func BenchmarkNaiveRejected(b *testing.B) {
	h := newNaive(1.0/60, 1)
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.RemoteAddr = "192.0.2.1:1234"
	w := &discardWriter{h: make(http.Header)}
	h.ServeHTTP(w, req)
	b.ReportAllocs()
	for b.Loop() {
		w.reset()
		h.ServeHTTP(w, req)
	}
	if w.code != http.StatusTooManyRequests {
		b.Fatal("not rejected:", w.code)
	}
}
