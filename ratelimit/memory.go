package ratelimit

import (
	"context"
	"fmt"
	"hash/maphash"
	"sync"
	"time"
)

// DefaultMaxKeys is the cap on tracked buckets of a MemoryStore whose
// MemoryOptions.MaxKeys is zero.
const DefaultMaxKeys = 1 << 20

// memoryShards is the number of independently locked parts of a
// MemoryStore; a power of two.
const memoryShards = 64

// sweepGap is the least time between two sweeps of one full shard, so a
// flood of new keys against a full store costs amortised O(1) per request.
const sweepGap = time.Second

// MemoryOptions configure a [MemoryStore]. The zero value is usable.
type MemoryOptions struct {
	// MaxKeys caps the buckets tracked at once: one per client key and
	// policy (a key limited by two policies counts twice). 0 means
	// DefaultMaxKeys. The cap is enforced per shard, MaxKeys/64 each, so
	// a Limiter refuses a store with fewer than 64 × its number of policies.
	MaxKeys int
	// Now is the clock; nil means time.Now. Tests inject a fake clock.
	Now func() time.Time
}

// A MemoryStore keeps token buckets in process memory. It is the default
// Store of a Limiter and is safe for concurrent use.
//
// Each bucket is one entry from a 64-bit hash of (key, policy) to the
// bucket's theoretical arrival time in nanoseconds (GCRA, which is the token
// bucket of rate.Limiter stated as a single timestamp): 16 bytes of payload
// in an open-addressing table kept at least two thirds full, so at most 24
// bytes of heap per tracked client with one policy once each of the 64
// shards holds more than a few dozen (22 bytes at a million clients). The hash is maphash with a
// random per-store seed, so clients cannot aim for collisions; two keys
// collide with probability about n²/2⁶⁵ (≈ 3·10⁻⁸ at one million keys) and
// then merely share a bucket, which is stricter, never looser.
//
// Decisions are those of the token bucket for requests arriving in the
// order the store decides them, each at the later of its own clock reading
// and the previous decision's time, and a refusal is confirmed with the
// clock read again under the shard's lock: a request whose reading went
// stale while it waited is never refused for it.
//
// A bucket that has refilled completely equals no entry and is the only
// kind ever forgotten, so forgetting never forgives a client's debt. There
// is no background goroutine: a shard at its cap sweeps its full buckets
// when it needs room (at most once per second). When nothing can be
// forgotten, Take returns a [*FullError] for new keys only; tracked keys are
// still decided exactly.
type MemoryStore struct {
	seed     maphash.Seed
	now      func() time.Time // nil: the real clock
	epoch    time.Time
	perShard int
	shards   [memoryShards]memoryShard
}

type memoryShard struct {
	mu        sync.Mutex
	buckets   bucketTable
	nextSweep int64
	last      int64    // latest time a decision of this shard used
	_         [40]byte // keep shards on separate cache lines (128 bytes each)
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore(opts MemoryOptions) *MemoryStore {
	s := &MemoryStore{seed: maphash.MakeSeed(), now: opts.Now}
	if s.now != nil {
		s.epoch = s.now()
	} else {
		s.epoch = time.Now()
	}
	maxKeys := opts.MaxKeys
	if maxKeys <= 0 {
		maxKeys = DefaultMaxKeys
	}
	s.perShard = max(maxKeys/memoryShards, 1)
	return s
}

// ValidatePolicies implements [PolicyValidator]: it refuses more policies
// than one shard may hold buckets, since every new client would then be
// answered 503.
func (s *MemoryStore) ValidatePolicies(policies []Policy) error {
	if s.perShard < len(policies) {
		return fmt.Errorf("a MemoryStore with MaxKeys %d holds %d buckets per shard, fewer than the %d policies one client needs; use MaxKeys ≥ %d",
			s.perShard*memoryShards, s.perShard, len(policies), memoryShards*len(policies))
	}
	return nil
}

// Len returns the number of buckets currently held, full ones included.
func (s *MemoryStore) Len() int {
	n := 0
	for i := range s.shards {
		sh := &s.shards[i]
		sh.mu.Lock()
		n += sh.buckets.n
		sh.mu.Unlock()
	}
	return n
}

// elapsed returns the nanoseconds since the store's epoch. The real clock
// is read with time.Since, which reads only the monotonic clock, half the
// cost of time.Now.
func (s *MemoryStore) elapsed() int64 {
	if s.now != nil {
		return int64(s.now().Sub(s.epoch))
	}
	return int64(time.Since(s.epoch))
}

// elapsedHolding is elapsed for a caller holding mu: should the user's
// clock (MemoryOptions.Now) panic, mu is unlocked before the panic goes on,
// so that the shard does not stay locked for every later key of it.
func (s *MemoryStore) elapsedHolding(mu *sync.Mutex) int64 {
	if s.now == nil {
		return int64(time.Since(s.epoch))
	}
	read := false
	defer func() {
		if !read {
			mu.Unlock()
		}
	}()
	e := s.elapsed()
	read = true
	return e
}

// bucketHash derives the entry of policy i from the key's hash.
func bucketHash(h uint64, i int) uint64 {
	return h ^ uint64(i)*0x9e3779b97f4a7c15
}

// maxPolicies is how many policies' slots Take remembers without
// allocating; a Limiter with more looks its entries up again to commit.
const maxPolicies = 8

// Take implements [Store]. It never fails except with a [*FullError].
func (s *MemoryStore) Take(_ context.Context, key string, cost int, policies []Policy, states []BucketState) error {
	// Resliced before locking, so that past Lock nothing of the store's own
	// can panic: the shard is unlocked on each return rather than by a
	// deferred call, 2% of an admitted request's time. The one reading of
	// a user's clock under the lock goes through elapsedHolding.
	states = states[:len(policies)]
	h := maphash.String(s.seed, key)
	sh := &s.shards[h%memoryShards]
	now := s.elapsed()
	sh.mu.Lock()
	// A reading taken before another request of this shard was decided is
	// raised to that request's time: judging with a stale time would
	// refuse what the bucket admits by now.
	now = max(now, sh.last)
	var slots [maxPolicies]int
	for i := range min(len(policies), maxPolicies) {
		slots[i] = sh.buckets.find(bucketHash(h, i))
	}
	allowed, fresh, stale := sh.judge(h, now, cost, policies, &slots, states)
	if !allowed {
		// The reading may have aged while this goroutine waited for the
		// lock: a refusal is confirmed with the clock read again. (An
		// admission at an older time is stricter than one at the present.)
		if again := s.elapsedHolding(&sh.mu); again > now {
			now = again
			allowed, fresh, stale = sh.judge(h, now, cost, policies, &slots, states)
		}
	}
	sh.last = now
	if !allowed {
		// Nothing is taken: report the allowing policies' unchanged debt.
		for i := range policies {
			if states[i].Wait == 0 {
				states[i].Debt -= time.Duration(int64(cost) * policies[i].iv())
			}
		}
		sh.mu.Unlock()
		return nil
	}
	gen := sh.buckets.gen
	if fresh > 0 && sh.buckets.n+fresh > s.perShard && !sh.makeRoom(now, fresh+stale, s.perShard) {
		err := &FullError{RetryAfter: time.Duration(sh.nextSweep - now)}
		sh.mu.Unlock()
		return err
	}
	for i := range policies {
		d := int64(states[i].Debt)
		if d <= 0 {
			continue
		}
		bh := bucketHash(h, i)
		slot := -1
		if i < maxPolicies && sh.buckets.gen == gen {
			slot = slots[i]
		} else {
			slot = sh.buckets.find(bh)
		}
		if slot >= 0 {
			sh.buckets.tats[slot] = now + d
		} else {
			sh.buckets.insert(bh, now+d)
			// A sweep scheduled for a bucket full later than this one
			// would keep the shard refusing new keys after this one
			// could be forgotten; sweeps stay sweepGap apart.
			sh.nextSweep = min(sh.nextSweep, max(now+d, now+int64(sweepGap)))
		}
	}
	sh.mu.Unlock()
	return nil
}

// judge decides a request of the given cost at time now for every policy
// into states, without changing the shard, from the entries' slots (found
// again past maxPolicies). It returns whether all policies admit it and,
// for cost > 0, how many of its buckets are absent (fresh) or full (stale:
// a sweep may forget them before they are written).
func (sh *memoryShard) judge(h uint64, now int64, cost int, policies []Policy, slots *[maxPolicies]int, states []BucketState) (allowed bool, fresh, stale int) {
	allowed = true
	for i := range policies {
		p := &policies[i]
		slot := -1
		if i < maxPolicies {
			slot = slots[i]
		} else {
			slot = sh.buckets.find(bucketHash(h, i))
		}
		tat := int64(0)
		if slot >= 0 {
			tat = sh.buckets.tats[slot]
			if tat <= now && cost > 0 {
				stale++
			}
		} else if cost > 0 {
			fresh++
		}
		iv := p.iv()
		base := max(tat, now)
		next := base + int64(cost)*iv
		if over := next - now - int64(p.Burst)*iv; over > 0 {
			states[i] = BucketState{Debt: time.Duration(base - now), Wait: time.Duration(over)}
			allowed = false
		} else {
			states[i] = BucketState{Debt: time.Duration(next - now)}
		}
	}
	return allowed, fresh, stale
}

// makeRoom forgets the shard's full buckets when a sweep is due and reports
// whether need more entries now fit. It schedules the next sweep for when
// the earliest remaining bucket is full, but not sooner than sweepGap.
func (sh *memoryShard) makeRoom(now int64, need, limit int) bool {
	if now < sh.nextSweep {
		return false
	}
	earliest := sh.buckets.sweep(now)
	sh.nextSweep = max(earliest, now+int64(sweepGap))
	return sh.buckets.n+need <= limit
}
