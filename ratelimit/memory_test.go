package ratelimit_test

import (
	"context"
	"errors"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fourxx/fourxx/ratelimit"
)

var onePolicy = []ratelimit.Policy{{Name: "p", Rate: 1, Burst: 2}}

// At the cap with nothing refilled, new keys get ErrFull while tracked keys
// are still decided; once buckets refill, they are forgotten and new keys
// fit again.
func TestMemoryStoreCapacity(t *testing.T) {
	clock := newClock()
	store := ratelimit.NewMemoryStore(ratelimit.MemoryOptions{MaxKeys: 64 * 4, Now: clock.Now})
	st := make([]ratelimit.BucketState, 1)
	ctx := context.Background()
	var full *ratelimit.FullError
	tracked := ""
	for i := 0; ; i++ {
		key := "k" + strconv.Itoa(i)
		err := store.Take(ctx, key, 1, onePolicy, st)
		if errors.As(err, &full) {
			if !errors.Is(err, ratelimit.ErrFull) || full.RetryAfter <= 0 {
				t.Fatalf("bad full error %v", err)
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		tracked = key
	}
	if n := store.Len(); n > 64*4 {
		t.Fatalf("store holds %d buckets over its cap", n)
	}
	if err := store.Take(ctx, tracked, 1, onePolicy, st); err != nil || st[0].Wait != 0 {
		t.Fatalf("tracked key not decided at the cap: %v %+v", err, st)
	}
	clock.Advance(full.RetryAfter)
	if err := store.Take(ctx, "new-after-refill", 1, onePolicy, st); err != nil {
		t.Fatalf("new key after refill: %v", err)
	}
}

// Forgetting never forgives debt: a throttled bucket survives a flood of
// other keys.
func TestMemoryStoreKeepsDebtUnderFlood(t *testing.T) {
	clock := newClock()
	store := ratelimit.NewMemoryStore(ratelimit.MemoryOptions{MaxKeys: 64 * 8, Now: clock.Now})
	st := make([]ratelimit.BucketState, 1)
	ctx := context.Background()
	for range 2 {
		_ = store.Take(ctx, "victim", 1, onePolicy, st)
	}
	for i := range 100_000 {
		_ = store.Take(ctx, "flood"+strconv.Itoa(i), 1, onePolicy, st)
		if i%1000 == 0 {
			clock.Advance(time.Millisecond)
		}
	}
	if err := store.Take(ctx, "victim", 1, onePolicy, st); err != nil || st[0].Wait == 0 {
		t.Fatalf("debt of a throttled bucket was forgiven: %v %+v", err, st)
	}
}

// A flood of 1 000 000 distinct keys stays under the cap, and at most 24
// bytes of heap per tracked client.
func TestMemoryStoreMillionKeys(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates a million buckets")
	}
	const n = 1_000_000
	for _, maxKeys := range []int{0, 1 << 16} {
		clock := newClock()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		store := ratelimit.NewMemoryStore(ratelimit.MemoryOptions{MaxKeys: maxKeys, Now: clock.Now})
		st := make([]ratelimit.BucketState, 1)
		key := []byte("client-")
		for i := range n {
			key = strconv.AppendInt(key[:7], int64(i), 10)
			_ = store.Take(context.Background(), string(key), 1, onePolicy, st)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		held := store.Len()
		limit := ratelimit.DefaultMaxKeys
		if maxKeys > 0 {
			limit = maxKeys
		}
		if held > limit {
			t.Fatalf("MaxKeys %d: %d buckets held", maxKeys, held)
		}
		perKey := float64(after.HeapAlloc-before.HeapAlloc) / float64(held)
		t.Logf("MaxKeys %d: %d buckets, %.1f bytes of heap each", maxKeys, held, perKey)
		if maxKeys == 0 && (held != n || perKey > 24) {
			t.Fatalf("%d buckets at %.1f B each, want %d at ≤ 24 B", held, perKey, n)
		}
		runtime.KeepAlive(store)
	}
}

// Many goroutines on one key never get more than burst + rate × elapsed.
func TestMemoryStoreConcurrentOneKey(t *testing.T) {
	store := ratelimit.NewMemoryStore(ratelimit.MemoryOptions{})
	ps := []ratelimit.Policy{{Name: "p", Rate: 200, Burst: 50}}
	var admitted atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range 32 {
		wg.Go(func() {
			st := make([]ratelimit.BucketState, 1)
			for range 2000 {
				if err := store.Take(context.Background(), "one", 1, ps, st); err == nil && st[0].Wait == 0 {
					admitted.Add(1)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start).Seconds()
	if limit := 50 + 200*elapsed; float64(admitted.Load()) > limit {
		t.Fatalf("admitted %d > burst + rate × elapsed = %.1f", admitted.Load(), limit)
	}
}

// hookClock returns the time at the moment it is read, but runs hook (once)
// before handing that reading back: it stands for a goroutine delayed
// between reading the clock and deciding, while another request is decided.
type hookClock struct {
	*fakeClock
	hook func()
}

func (c *hookClock) Now() time.Time {
	t := c.fakeClock.Now()
	if h := c.hook; h != nil {
		c.hook = nil
		h()
	}
	return t
}

// A request whose clock reading went stale while another request was
// decided is judged no earlier than that decision: it must not be refused
// when the token bucket admits it at the time the store decides it.
func TestMemoryStoreStaleClockReading(t *testing.T) {
	clock := &hookClock{fakeClock: newClock()}
	store := ratelimit.NewMemoryStore(ratelimit.MemoryOptions{Now: clock.Now})
	ps := []ratelimit.Policy{{Name: "p", Rate: 1, Burst: 2}}
	st := make([]ratelimit.BucketState, 1)
	ctx := context.Background()
	for range 2 { // t=0: the bucket is emptied
		if err := store.Take(ctx, "k", 1, ps, st); err != nil || st[0].Wait != 0 {
			t.Fatal(err, st)
		}
	}
	clock.Advance(time.Second) // t=1 s: one token is back
	clock.hook = func() {
		// Request A read t=1 s and is delayed; at t=2 s request B takes
		// one of the two tokens the bucket holds by then.
		clock.Advance(time.Second)
		other := make([]ratelimit.BucketState, 1)
		if err := store.Take(ctx, "k", 1, ps, other); err != nil || other[0].Wait != 0 {
			t.Error("request B refused", err, other)
		}
	}
	// A is decided after B, at t=2 s, when one token is left.
	if err := store.Take(ctx, "k", 1, ps, st); err != nil || st[0].Wait != 0 {
		t.Fatalf("request A refused although a token was left when it was decided: %v %+v", err, st)
	}
	// Both took their token: the bucket is empty at t=2 s.
	if err := store.Take(ctx, "k", 1, ps, st); err != nil || st[0].Wait != time.Second {
		t.Fatalf("after A and B: %v %+v, want a wait of 1 s", err, st)
	}
}

// A request whose clock reading aged while it waited for the store (no
// other decision in between) is not refused when the bucket admits it at
// the time it is decided.
func TestMemoryStoreAgedClockReading(t *testing.T) {
	clock := &hookClock{fakeClock: newClock()}
	store := ratelimit.NewMemoryStore(ratelimit.MemoryOptions{Now: clock.Now})
	ps := []ratelimit.Policy{{Name: "p", Rate: 1, Burst: 1}}
	st := make([]ratelimit.BucketState, 1)
	ctx := context.Background()
	if err := store.Take(ctx, "k", 1, ps, st); err != nil || st[0].Wait != 0 { // t=0: emptied
		t.Fatal(err, st)
	}
	// The next request reads t=0 and is decided a second later, when the
	// token is back.
	clock.hook = func() { clock.Advance(time.Second) }
	if err := store.Take(ctx, "k", 1, ps, st); err != nil || st[0].Wait != 0 {
		t.Fatalf("refused with a reading one second old although the token was back: %v %+v", err, st)
	}
	// It took that token: at t=1 s the bucket is empty again.
	if err := store.Take(ctx, "k", 1, ps, st); err != nil || st[0].Wait != time.Second {
		t.Fatalf("after the aged request: %v %+v, want a wait of 1 s", err, st)
	}
}
