package ratelimit

import (
	"context"
	"hash/maphash"
	"sync"
	"sync/atomic"
	"time"
)

// concurrencyShards splits a MemoryConcurrencyStore's keys over locks.
const concurrencyShards = 64

// A MemoryConcurrencyStore counts in-flight requests per key in this
// process, for a ConcurrencyPolicy of a single instance. Its memory is
// proportional to the requests in flight: a key whose last slot is given
// back is forgotten. Leases play no part: a slot lives exactly as long as
// the request that holds it, and a crash takes the counts with it. It is
// safe for concurrent use.
type MemoryConcurrencyStore struct {
	seed   maphash.Seed
	shards [concurrencyShards]concurrencyShard
}

type concurrencyShard struct {
	mu    sync.Mutex
	inUse map[string]int
}

// NewMemoryConcurrencyStore returns an empty store.
func NewMemoryConcurrencyStore() *MemoryConcurrencyStore {
	s := &MemoryConcurrencyStore{seed: maphash.MakeSeed()}
	for i := range s.shards {
		s.shards[i].inUse = make(map[string]int)
	}
	return s
}

// Acquire implements ConcurrencyStore; it never fails. Calling the
// returned release more than once gives the slot back once.
func (s *MemoryConcurrencyStore) Acquire(_ context.Context, key string, limit int, _ time.Duration) (func(), int, error) {
	sh := &s.shards[maphash.String(s.seed, key)%concurrencyShards]
	sh.mu.Lock()
	n := sh.inUse[key]
	if n >= limit {
		sh.mu.Unlock()
		return nil, limit, nil
	}
	sh.inUse[key] = n + 1
	sh.mu.Unlock()
	var released atomic.Bool
	return func() {
		if released.Swap(true) {
			return
		}
		sh.mu.Lock()
		if n := sh.inUse[key] - 1; n > 0 {
			sh.inUse[key] = n
		} else {
			delete(sh.inUse, key)
		}
		sh.mu.Unlock()
	}, n + 1, nil
}

// Len returns how many keys have requests in flight.
func (s *MemoryConcurrencyStore) Len() int {
	n := 0
	for i := range s.shards {
		s.shards[i].mu.Lock()
		n += len(s.shards[i].inUse)
		s.shards[i].mu.Unlock()
	}
	return n
}
