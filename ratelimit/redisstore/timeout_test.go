package redisstore_test

import (
	"context"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/fourxx/fourxx/ratelimit"
	"github.com/fourxx/fourxx/ratelimit/redisstore"
)

// hungServer accepts connections and reads from them but never answers,
// like a Redis that is paused or behind a dead network path.
func hungServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			go io.Copy(io.Discard, c)
		}
	}()
	return ln.Addr().String()
}

// A Redis that accepts but never answers delays a decision by about
// Options.Timeout, not by the client's own read timeout (3 s by default),
// whatever the client's options: the Example's client leaves
// ContextTimeoutEnabled off, so go-redis ignores the context deadline.
func TestTimeoutBoundsHungRedis(t *testing.T) {
	c := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{hungServer(t)}})
	t.Cleanup(func() { c.Close() })
	const timeout = 50 * time.Millisecond
	s, err := redisstore.New(redisstore.Options{Client: c, Prefix: "test:hung:", Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	st := make([]ratelimit.BucketState, len(policies))
	for i := range 3 {
		start := time.Now()
		err := s.Take(context.Background(), "k", 1, policies, st)
		if d := time.Since(start); d > 10*timeout {
			t.Fatalf("decision %d against a hung Redis took %v, want about %v", i, d, timeout)
		}
		if err == nil {
			t.Fatalf("decision %d against a hung Redis returned no error", i)
		}
	}
}
