package redisstore

import (
	"hash/maphash"
	"sync"
	"time"

	"github.com/fourxx/fourxx/ratelimit"
)

// DefaultShedKeys is how many refused keys a Store remembers for shedding
// when Options.ShedKeys is zero.
const DefaultShedKeys = 10_000

// shedShards splits the remembered keys so that a flood of many clients
// does not serialize on one lock.
const shedShards = 16

// shedProbes bounds the entries looked at to find room in a full shard.
const shedProbes = 8

// shedder remembers, per key, the last refusal Redis gave and answers the
// key's requests of the same cost itself until the moment Redis would admit
// one again. It only ever refuses: a refusal in Redis changes no bucket, and
// other instances' admissions only deepen the debt, so the remembered wait
// can only be too short, never too long, and an entry lost to eviction costs
// one round trip, never a wrong answer.
type shedder struct {
	seed     maphash.Seed
	perShard int
	shards   [shedShards]shedShard
}

type shedShard struct {
	mu      sync.Mutex
	entries map[string]*shedEntry
}

// shedEntry is one refusal: the bucket states Redis returned for a request
// of cost, measured from since, a moment no later than Redis's clock when
// it decided (the request was sent after it).
type shedEntry struct {
	since  time.Time
	cost   int
	until  time.Duration // the longest wait among states
	states []ratelimit.BucketState
}

func newShedder(keys int) *shedder {
	d := &shedder{seed: maphash.MakeSeed(), perShard: max(keys/shedShards, 1)}
	for i := range d.shards {
		d.shards[i].entries = make(map[string]*shedEntry)
	}
	return d
}

func (d *shedder) shard(key string) *shedShard {
	return &d.shards[maphash.String(d.seed, key)%shedShards]
}

// answer fills states and reports true when key's last refusal, for this
// cost, still holds at now: each wait and debt is the remembered one less
// the time since the request that Redis refused was sent.
func (d *shedder) answer(key string, cost int, now time.Time, states []ratelimit.BucketState) bool {
	sh := d.shard(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	e := sh.entries[key]
	if e == nil {
		return false
	}
	elapsed := now.Sub(e.since)
	if elapsed >= e.until {
		delete(sh.entries, key)
		return false
	}
	if e.cost != cost || len(e.states) != len(states) {
		return false
	}
	for i, st := range e.states {
		states[i] = ratelimit.BucketState{Debt: max(st.Debt-elapsed, 0), Wait: max(st.Wait-elapsed, 0)}
	}
	return true
}

// remember records a refusal of a request of cost for key, sent at since,
// making room in a full shard by dropping an expired entry if one of a few
// looked at is, otherwise any of them.
func (d *shedder) remember(key string, cost int, since time.Time, states []ratelimit.BucketState) {
	var until time.Duration
	for _, st := range states {
		until = max(until, st.Wait)
	}
	sh := d.shard(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	e := sh.entries[key]
	if e == nil {
		if len(sh.entries) >= d.perShard {
			d.evict(sh, since)
		}
		e = &shedEntry{states: make([]ratelimit.BucketState, len(states))}
		sh.entries[key] = e
	}
	e.since, e.cost, e.until = since, cost, until
	e.states = append(e.states[:0], states...)
}

// evict drops one entry of a full shard: the first expired one among
// shedProbes entries, else the last of them (map order is random).
func (d *shedder) evict(sh *shedShard, now time.Time) {
	n := 0
	for k, e := range sh.entries {
		n++
		if now.Sub(e.since) >= e.until || n == shedProbes || n == len(sh.entries) {
			delete(sh.entries, k)
			return
		}
	}
}

// len is how many refusals are remembered.
func (d *shedder) len() int {
	n := 0
	for i := range d.shards {
		d.shards[i].mu.Lock()
		n += len(d.shards[i].entries)
		d.shards[i].mu.Unlock()
	}
	return n
}
