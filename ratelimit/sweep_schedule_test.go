package ratelimit

import (
	"context"
	"hash/maphash"
	"strconv"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// A bucket inserted after a sweep, full before the bucket that sweep
// scheduled the next one for, brings the next sweep forward: a full shard
// refuses new keys only until some bucket can be forgotten, not for the
// longest debt it holds.
func TestSweepComesForALaterInsertedBucket(t *testing.T) {
	start := time.Unix(1_700_000_000, 0)
	now := start
	s := NewMemoryStore(MemoryOptions{MaxKeys: 2 * memoryShards, Now: func() time.Time { return now }})
	var keys []string // four keys of one shard
	for i := 0; len(keys) < 4; i++ {
		k := "k" + strconv.Itoa(i)
		if maphash.String(s.seed, k)%memoryShards == 0 {
			keys = append(keys, k)
		}
	}
	policies := []Policy{{Name: "p", Rate: rate.Limit(1), Burst: 3600}}
	states := make([]BucketState, 1)
	take := func(key string, cost int) error {
		return s.Take(context.Background(), key, cost, policies, states)
	}
	if err := take(keys[0], 3600); err != nil { // full in an hour
		t.Fatal(err)
	}
	if err := take(keys[1], 1); err != nil { // full in a second
		t.Fatal(err)
	}
	now = start.Add(2 * time.Second)
	if err := take(keys[2], 1); err != nil { // the sweep forgets keys[1]
		t.Fatal(err)
	}
	now = start.Add(4 * time.Second) // keys[2] has been full for a second
	if err := take(keys[3], 1); err != nil {
		t.Fatalf("a fourth key was refused (%v) although the third bucket is full again", err)
	}
}
