package ratelimit

import (
	"math/rand/v2"
	"testing"
)

// Every inserted hash is found with its time, hash 0 included; absent ones
// are not; the table stays between two thirds and 13/16 full once past its
// first allocations; a sweep keeps exactly the buckets in debt.
func TestBucketTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var tb bucketTable
	want := map[uint64]int64{}
	for i := range 50_000 {
		h := rng.Uint64()
		if i == 0 {
			h = 0
		}
		if tb.find(h) >= 0 {
			continue
		}
		tat := int64(rng.IntN(1000))
		tb.insert(h, tat)
		want[slotKey(h)] = tat
		if tb.n != len(want) {
			t.Fatalf("n = %d after %d inserts", tb.n, len(want))
		}
		if load := float64(tb.n) / float64(len(tb.keys)); tb.n > 64 && (load < 2.0/3 || load > 13.0/16) {
			t.Fatalf("%d entries in %d slots: load %.3f outside [2/3, 13/16]", tb.n, len(tb.keys), load)
		}
	}
	check := func() {
		t.Helper()
		for k, tat := range want {
			if i := tb.find(k); i < 0 || tb.tats[i] != tat {
				t.Fatalf("hash %#x: slot %d, want time %d", k, i, tat)
			}
		}
		for range 1000 {
			if h := rng.Uint64() | 1<<63; want[h] == 0 && tb.find(h) >= 0 {
				t.Fatalf("absent hash %#x found", h)
			}
		}
	}
	check()
	if tb.find(1) < 0 {
		t.Fatal("hash 0 is not stored as 1")
	}
	gen := tb.gen
	earliest := tb.sweep(500)
	for k, tat := range want {
		if tat <= 500 {
			delete(want, k)
		}
	}
	if tb.n != len(want) || tb.gen == gen {
		t.Fatalf("after sweep: n = %d, want %d; gen %d → %d", tb.n, len(want), gen, tb.gen)
	}
	least := int64(-1)
	for _, tat := range want {
		if least < 0 || tat < least {
			least = tat
		}
	}
	if earliest != least {
		t.Fatalf("sweep returned %d, want the earliest remaining %d", earliest, least)
	}
	check()
}
