package redisstore_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/fourxx/fourxx/internal/redistest"
	"github.com/fourxx/fourxx/ratelimit"
	"github.com/fourxx/fourxx/ratelimit/redisstore"
	"github.com/fourxx/fourxx/ratelimit/storetest"
)

// The Redis store keeps the contract of every ratelimit.Store, on a real
// redis-server. The contract is about decisions, not latency: the timeout
// is generous so that a loaded machine cannot turn a check into a timeout.
func TestStoreContract(t *testing.T) {
	srv := redistest.Start(t)
	c := redis.NewClient(&redis.Options{Addr: srv.Addr(), MaxRetries: -1})
	t.Cleanup(func() { c.Close() })
	n := 0
	storetest.Run(t, func(t *testing.T) ratelimit.Store {
		n++
		s, err := redisstore.New(redisstore.Options{Client: c, Prefix: "contract:" + strconv.Itoa(n) + ":", Timeout: 10 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
