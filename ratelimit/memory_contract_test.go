package ratelimit_test

import (
	"testing"

	"github.com/fourxx/fourxx/ratelimit"
	"github.com/fourxx/fourxx/ratelimit/storetest"
)

func TestMemoryStoreContract(t *testing.T) {
	storetest.Run(t, func(*testing.T) ratelimit.Store { return ratelimit.NewMemoryStore(ratelimit.MemoryOptions{}) })
}
