package redisstore_test

import (
	"strconv"
	"testing"

	"github.com/fourxx/fourxx/internal/redistest"
	"github.com/fourxx/fourxx/ratelimit"
	"github.com/fourxx/fourxx/ratelimit/storetest"
)

// The Redis store keeps the contract of every ratelimit.Store, on a real
// redis-server.
func TestStoreContract(t *testing.T) {
	srv := redistest.Start(t)
	n := 0
	storetest.Run(t, func(t *testing.T) ratelimit.Store {
		n++
		s, _, _ := newStore(t, srv, "contract:"+strconv.Itoa(n)+":")
		return s
	})
}
