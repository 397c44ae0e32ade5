package bench

import (
	"net/http"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkLimitAllowedOneClient: one client, every request admitted.
func BenchmarkLimitAllowedOneClient(b *testing.B) {
	for _, c := range contenders {
		b.Run(c.name, func(b *testing.B) {
			h, done := c.build(generous, ok)
			defer done()
			req, w := getRequest(clientAddr(1)), newDiscardWriter()
			b.ReportAllocs()
			for b.Loop() {
				w.reset()
				h.ServeHTTP(w, req)
			}
			if w.status() != http.StatusOK {
				b.Fatalf("%s rejected an allowed request: %d", c.name, w.status())
			}
		})
	}
}

// BenchmarkLimitAllowedParallel100kClients: 100 000 clients from parallel
// goroutines, each goroutine walking the clients from its own cursor.
func BenchmarkLimitAllowedParallel100kClients(b *testing.B) {
	const clients = 100_000
	reqs := make([]*http.Request, clients)
	for i := range reqs {
		reqs[i] = getRequest(clientAddr(i))
	}
	for _, c := range contenders {
		b.Run(c.name, func(b *testing.B) {
			h, done := c.build(generous, ok)
			defer done()
			var cursor atomic.Int64
			var rejected atomic.Int64
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				w := newDiscardWriter()
				i := int(cursor.Add(7919))
				for pb.Next() {
					w.reset()
					h.ServeHTTP(w, reqs[i%clients])
					if w.status() != http.StatusOK {
						rejected.Add(1)
					}
					i++
				}
			})
			if n := rejected.Load(); n > 0 {
				b.Fatalf("%s rejected %d allowed requests", c.name, n)
			}
		})
	}
}

// BenchmarkLimitRejected: a client over its limit gets each contender's 429
// (fourxx: the full problem document with Retry-After and RateLimit fields;
// the naive map: http.Error's 18-byte text).
func BenchmarkLimitRejected(b *testing.B) {
	for _, c := range contenders {
		b.Run(c.name, func(b *testing.B) {
			h, done := c.build(strict, ok)
			defer done()
			req, w := getRequest(clientAddr(1)), newDiscardWriter()
			h.ServeHTTP(w, req)
			b.ReportAllocs()
			for b.Loop() {
				w.reset()
				h.ServeHTTP(w, req)
			}
			if w.status() != http.StatusTooManyRequests {
				b.Fatalf("%s did not reject: %d", c.name, w.status())
			}
		})
	}
}

// BenchmarkLimitNewClient: every request is the first of a new client.
func BenchmarkLimitNewClient(b *testing.B) {
	for _, c := range contenders {
		b.Run(c.name, func(b *testing.B) {
			h, done := c.build(generous, ok)
			defer done()
			reqs := make([]*http.Request, b.N)
			for i := range reqs {
				reqs[i] = getRequest(clientAddr(i))
			}
			w := newDiscardWriter()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				w.reset()
				h.ServeHTTP(w, reqs[i])
			}
			b.StopTimer()
			if w.status() != http.StatusOK {
				b.Fatalf("%s rejected a new client: %d", c.name, w.status())
			}
		})
	}
}

// BenchmarkLimitHeapPerClient reports the live heap each contender holds per
// tracked client after 1 000 000 distinct clients (metric bytes/client). The
// client addresses are made inside the measured section, so a contender that
// keeps them pays for them.
func BenchmarkLimitHeapPerClient(b *testing.B) {
	const clients = 1_000_000
	for _, c := range contenders {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				h, done := c.build(generous, ok)
				req, w := getRequest(""), newDiscardWriter()
				for i := range clients {
					req.RemoteAddr = clientAddr(i)
					w.reset()
					h.ServeHTTP(w, req)
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/clients, "bytes/client")
				runtime.KeepAlive(h)
				done()
			}
		})
	}
}

// BenchmarkPairedLimitAllowedOneClient is BenchmarkLimitAllowedOneClient
// for fourxx and the naive map in alternating blocks of one loop, so that
// both see the same machine at the same moments: it reports the fastest
// block of each (ns/fourxx, ns/naive-map, the least disturbed by other
// processes) and their ratio (x-naive), which holds on a loaded machine
// where the separate benchmarks' ns/op do not.
func BenchmarkPairedLimitAllowedOneClient(b *testing.B) {
	const block = 64
	var paired []contender
	for _, c := range contenders {
		if c.name == "fourxx" || c.name == "naive-map" {
			paired = append(paired, c)
		}
	}
	handlers := make([]http.Handler, len(paired))
	for i, c := range paired {
		h, done := c.build(generous, ok)
		defer done()
		handlers[i] = h
	}
	req, w := getRequest(clientAddr(1)), newDiscardWriter()
	best := []time.Duration{1 << 62, 1 << 62}
	b.ReportAllocs()
	for b.Loop() {
		for i, h := range handlers {
			start := time.Now()
			for range block {
				w.reset()
				h.ServeHTTP(w, req)
			}
			best[i] = min(best[i], time.Since(start))
		}
	}
	for i, c := range paired {
		w.reset()
		handlers[i].ServeHTTP(w, req)
		if w.status() != http.StatusOK {
			b.Fatalf("%s rejected an allowed request: %d", c.name, w.status())
		}
		b.ReportMetric(float64(best[i].Nanoseconds())/block, "ns/"+c.name)
	}
	b.ReportMetric(float64(best[0])/float64(best[1]), "x-naive")
}
