package ratelimit_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/fourxx/fourxx/ratelimit"
)

// An admitted request under a token bucket alone and under a bucket plus
// a concurrency limit (in memory), over 10 000 clients in parallel: the
// difference is what taking and giving back a slot costs.
func BenchmarkConcurrencyAdmitted(b *testing.B) {
	for _, c := range []struct {
		name string
		conc *ratelimit.ConcurrencyPolicy
	}{
		{"bucket", nil},
		{"bucket+concurrency", &ratelimit.ConcurrencyPolicy{Name: "inflight", Limit: 8}},
	} {
		b.Run(c.name, func(b *testing.B) {
			l := ratelimit.New(ratelimit.Options{Renderer: strict, Concurrency: c.conc,
				Policies: []ratelimit.Policy{{Name: "rps", Rate: 1e9, Burst: 1e9}}})
			h := l.Handler(okHandler)
			addrs := make([]string, 10_000)
			for i := range addrs {
				addrs[i] = "10.0." + strconv.Itoa(i/256) + "." + strconv.Itoa(i%256) + ":1"
			}
			var next atomic.Int64
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				req := httptest.NewRequest(http.MethodGet, "/", nil)
				rec := httptest.NewRecorder()
				i := int(next.Add(7919))
				for pb.Next() {
					req.RemoteAddr = addrs[i%len(addrs)]
					clear(rec.Header())
					h.ServeHTTP(rec, req)
					i++
				}
			})
		})
	}
}
