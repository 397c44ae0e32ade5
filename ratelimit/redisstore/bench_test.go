package redisstore_test

import (
	"context"
	"runtime"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/fourxx/fourxx/internal/redistest"
	"github.com/fourxx/fourxx/ratelimit"
	"github.com/fourxx/fourxx/ratelimit/redisstore"
)

// benchClients is how many client keys the benchmarks spread decisions over.
const benchClients = 10_000

var benchKeys = func() []string {
	keys := make([]string, benchClients)
	for i := range keys {
		keys[i] = "client-" + strconv.Itoa(i)
	}
	return keys
}()

// benchPolicies admit every decision: the benchmarks measure the round
// trip, not refusals (which shedding answers locally).
var benchPolicies = []ratelimit.Policy{{Name: "per-second", Rate: 1e6, Burst: 1e6}}

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
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		st := make([]ratelimit.BucketState, len(benchPolicies))
		i := int(next.Add(7919))
		for pb.Next() {
			if err := s.Take(context.Background(), benchKeys[i%benchClients], 1, benchPolicies, st); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}

// BenchmarkDecision gives the figures of BENCHMARKS.md ("Redis and Redis
// Cluster"): on one loopback redis-server and on a loopback cluster of
// three masters and three replicas, the latency of one decision made alone
// (p50 and p99 over b.N decisions, one at a time) and the decisions per
// second of one instance with 64 decisions in flight.
//
//	FOURXX_REQUIRE_INTEGRATION=1 go test -run '^$' -bench BenchmarkDecision -benchtime 20000x ./ratelimit/redisstore/
func BenchmarkDecision(b *testing.B) {
	targets := []struct {
		name   string
		client func(b *testing.B) redis.UniversalClient
	}{
		{"single", func(b *testing.B) redis.UniversalClient {
			return redis.NewClient(&redis.Options{Addr: redistest.Start(b).Addr(), ContextTimeoutEnabled: true, PoolSize: 64})
		}},
		{"cluster", func(b *testing.B) redis.UniversalClient {
			return redis.NewClusterClient(&redis.ClusterOptions{Addrs: redistest.StartCluster(b).Addrs(), ContextTimeoutEnabled: true, PoolSize: 64})
		}},
	}
	for _, tg := range targets {
		b.Run(tg.name, func(b *testing.B) {
			c := tg.client(b)
			b.Cleanup(func() { c.Close() })
			s, err := redisstore.New(redisstore.Options{Client: c, Prefix: "bench:", Timeout: 10 * time.Second})
			if err != nil {
				b.Fatal(err)
			}
			st := make([]ratelimit.BucketState, len(benchPolicies))
			for _, k := range benchKeys[:100] { // connections and scripts are ready
				if err := s.Take(context.Background(), k, 1, benchPolicies, st); err != nil {
					b.Fatal(err)
				}
			}
			b.Run("latency", func(b *testing.B) {
				took := make([]time.Duration, 0, b.N)
				b.ResetTimer()
				for i := range b.N {
					start := time.Now()
					if err := s.Take(context.Background(), benchKeys[i%benchClients], 1, benchPolicies, st); err != nil {
						b.Fatal(err)
					}
					took = append(took, time.Since(start))
				}
				b.StopTimer()
				slices.Sort(took)
				b.ReportMetric(float64(took[len(took)/2].Microseconds()), "p50-µs")
				b.ReportMetric(float64(took[len(took)*99/100].Microseconds()), "p99-µs")
			})
			b.Run("throughput", func(b *testing.B) {
				var next atomic.Int64
				b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
				start := time.Now()
				b.RunParallel(func(pb *testing.PB) {
					st := make([]ratelimit.BucketState, len(benchPolicies))
					i := int(next.Add(7919))
					for pb.Next() {
						if err := s.Take(context.Background(), benchKeys[i%benchClients], 1, benchPolicies, st); err != nil {
							b.Error(err)
							return
						}
						i++
					}
				})
				b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "decisions/s")
			})
		})
	}
}
