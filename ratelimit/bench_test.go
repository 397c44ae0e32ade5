package ratelimit_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/fourxx/fourxx/ratelimit"
)

// discardWriter is a ResponseWriter whose header map is reused, like a
// server's per-connection state.
type discardWriter struct {
	h    http.Header
	code int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(code int)        { w.code = code }
func (w *discardWriter) reset()                      { clear(w.h); w.code = 0 }

var noop = http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})

func benchLimiter(b *testing.B, opts ratelimit.Options) http.Handler {
	b.Helper()
	return ratelimit.New(opts).Handler(noop)
}

var generous = []ratelimit.Policy{{Name: "per-second", Rate: 1e7, Burst: 1e6}}

func benchAllowed(b *testing.B, hide bool) {
	h := benchLimiter(b, ratelimit.Options{Renderer: strict, Policies: generous, HideRemaining: hide})
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.RemoteAddr = "192.0.2.1:1234"
	w := &discardWriter{h: make(http.Header)}
	b.ReportAllocs()
	for b.Loop() {
		w.reset()
		h.ServeHTTP(w, req)
	}
	if w.code != 0 || w.h.Get("RateLimit-Policy") == "" {
		b.Fatal("request was not admitted")
	}
}

// Allowed path, one client, RateLimit and RateLimit-Policy fields on.
func BenchmarkAllowedOneClient(b *testing.B) { benchAllowed(b, false) }

// Allowed path, one client, dynamic fields off (HideRemaining).
func BenchmarkAllowedOneClientNoRemaining(b *testing.B) { benchAllowed(b, true) }

// Allowed path over 100 000 clients from parallel goroutines.
func BenchmarkAllowedParallel100kClients(b *testing.B) {
	h := benchLimiter(b, ratelimit.Options{Renderer: strict, Policies: generous})
	const clients = 100_000
	reqs := make([]*http.Request, clients)
	for i := range reqs {
		reqs[i] = httptest.NewRequest(http.MethodGet, "/", nil)
		reqs[i].RemoteAddr = "10." + strconv.Itoa(i>>16&255) + "." + strconv.Itoa(i>>8&255) + "." + strconv.Itoa(i&255) + ":1"
	}
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		w := &discardWriter{h: make(http.Header)}
		i := int(next.Add(7919))
		for pb.Next() {
			w.reset()
			h.ServeHTTP(w, reqs[i%clients])
			i++
		}
	})
}

// 429 path with the full problem body and fields.
func BenchmarkRejected(b *testing.B) {
	h := benchLimiter(b, ratelimit.Options{Renderer: strict, Policies: []ratelimit.Policy{{Name: "per-minute", Rate: 1.0 / 60, Burst: 1}}})
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

// Heap bytes per tracked client at 1 000 000 clients (metric bytes/client).
func BenchmarkMemoryBytesPerClient(b *testing.B) {
	const n = 1_000_000
	key := []byte("client-")
	st := make([]ratelimit.BucketState, 1)
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		store := ratelimit.NewMemoryStore(ratelimit.MemoryOptions{})
		for i := range n {
			key = strconv.AppendInt(key[:7], int64(i), 10)
			_ = store.Take(context.Background(), string(key), 1, onePolicy, st)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(store.Len()), "bytes/client")
		runtime.KeepAlive(store)
	}
}
