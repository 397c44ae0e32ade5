package ratelimit

import (
	"context"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// TestPanickingClockLeavesNoShardLocked pins that a MemoryOptions.Now that
// panics while Take holds a shard's lock (the second reading that confirms
// a refusal) unlocks the shard before the panic goes on: every later key
// of that shard would otherwise wait forever.
func TestPanickingClockLeavesNoShardLocked(t *testing.T) {
	start := time.Unix(1_700_000_000, 0)
	calls, panicAt := 0, -1
	s := NewMemoryStore(MemoryOptions{Now: func() time.Time {
		calls++
		if calls == panicAt {
			panic("clock failed")
		}
		return start.Add(time.Duration(calls) * time.Nanosecond)
	}})
	policies := []Policy{{Name: "p", Rate: rate.Limit(1), Burst: 1}}
	states := make([]BucketState, 1)
	if err := s.Take(context.Background(), "k", 1, policies, states); err != nil {
		t.Fatal(err)
	}
	// The next Take is refused at its first reading, and its second
	// reading, taken under the lock, panics.
	panicAt = calls + 2
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the clock's panic did not reach the caller")
			}
		}()
		_ = s.Take(context.Background(), "k", 1, policies, states)
	}()
	for i := range s.shards {
		if !s.shards[i].mu.TryLock() {
			t.Fatalf("shard %d is still locked after the clock panicked", i)
		}
		s.shards[i].mu.Unlock()
	}
}
