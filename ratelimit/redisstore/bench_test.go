package redisstore_test

import (
	"context"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/fourxx/fourxx/internal/redistest"
	"github.com/fourxx/fourxx/ratelimit"
	"github.com/fourxx/fourxx/ratelimit/redisstore"
)

// One decision per operation against a real loopback redis-server, over
// 10 000 client keys from parallel goroutines (each decision is one
// EVALSHA round trip).
func BenchmarkTakeParallel(b *testing.B) {
	srv := redistest.Start(b)
	c := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	b.Cleanup(func() { c.Close() })
	s, err := redisstore.New(redisstore.Options{Client: c, Prefix: "bench:"})
	if err != nil {
		b.Fatal(err)
	}
	const clients = 10_000
	keys := make([]string, clients)
	for i := range keys {
		keys[i] = "client-" + strconv.Itoa(i)
	}
	ps := []ratelimit.Policy{{Name: "per-second", Rate: 1e6, Burst: 1e6}}
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		st := make([]ratelimit.BucketState, len(ps))
		i := int(next.Add(7919))
		for pb.Next() {
			if err := s.Take(context.Background(), keys[i%clients], 1, ps, st); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}
