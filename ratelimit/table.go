package ratelimit

import "math/bits"

// bucketTable maps a bucket's 64-bit hash to its theoretical arrival time
// with 16 bytes a slot: an open-addressing table with linear probing, kept
// at most 13/16 full and grown by a fifth, so that once past its first few
// entries at least two thirds of its slots hold a bucket (≤ 24 bytes per
// bucket). Hash 0
// marks an empty slot; a bucket whose hash is 0 is stored as 1 (it then
// shares a bucket with hash 1, which is stricter, never looser). Entries are
// only removed all at once, by [bucketTable.sweep], which rebuilds the
// table: linear probing needs no tombstones then.
type bucketTable struct {
	keys []uint64 // 0 = empty; probed without touching tats
	tats []int64
	n    int
	gen  uint64 // counts rebuilds: a slot index is valid while gen is unchanged
}

// maxLoadNum is the fullest a table may be, in sixteenths: at 13/16 a
// probe for an absent hash reads about 15 slots (two cache lines of keys).
const maxLoadNum = 13

// minTableSlots is the size of a table's first allocation.
const minTableSlots = 8

// slotKey is the stored form of hash h: never 0, the empty mark.
func slotKey(h uint64) uint64 { return max(h, 1) }

// home is the first slot probed for key k: the high bits of k scaled to the
// table's size, so any size works and the low bits that chose the shard
// do not matter.
func (t *bucketTable) home(k uint64) int {
	hi, _ := bits.Mul64(k, uint64(len(t.keys)))
	return int(hi)
}

// find returns the slot of hash h, or -1 when it is absent.
func (t *bucketTable) find(h uint64) int {
	if t.n == 0 {
		return -1
	}
	k := slotKey(h)
	for i := t.home(k); ; {
		switch t.keys[i] {
		case k:
			return i
		case 0:
			return -1
		}
		if i++; i == len(t.keys) {
			i = 0
		}
	}
}

// reserve makes room for extra new entries.
func (t *bucketTable) reserve(extra int) {
	need := t.n + extra
	if need*16 <= len(t.keys)*maxLoadNum {
		return
	}
	size := max(len(t.keys)+len(t.keys)/5, minTableSlots)
	for need*16 > size*maxLoadNum {
		size += size / 5
	}
	t.rebuild(size, func(int64) bool { return true })
}

// insert adds hash h, known to be absent, growing the table if needed.
func (t *bucketTable) insert(h uint64, tat int64) {
	t.reserve(1)
	t.put(slotKey(h), tat)
}

// put stores key k in its first empty slot; there must be one.
func (t *bucketTable) put(k uint64, tat int64) {
	i := t.home(k)
	for t.keys[i] != 0 {
		if i++; i == len(t.keys) {
			i = 0
		}
	}
	t.keys[i], t.tats[i] = k, tat
	t.n++
}

// sweep forgets every entry with a theoretical arrival time at or before
// now (a full bucket) and returns the earliest remaining one, or -1.
func (t *bucketTable) sweep(now int64) (earliest int64) {
	earliest = -1
	live := 0
	for i, k := range t.keys {
		if k != 0 && t.tats[i] > now {
			live++
			if tat := t.tats[i]; earliest < 0 || tat < earliest {
				earliest = tat
			}
		}
	}
	if live < t.n {
		size := minTableSlots
		for live*16 > size*maxLoadNum {
			size += size / 5
		}
		t.rebuild(size, func(tat int64) bool { return tat > now })
	}
	return earliest
}

// rebuild moves the entries that keep accepts into a table of size slots.
func (t *bucketTable) rebuild(size int, keep func(tat int64) bool) {
	old := *t
	*t = bucketTable{keys: make([]uint64, size), tats: make([]int64, size), gen: old.gen + 1}
	for i, k := range old.keys {
		if k != 0 && keep(old.tats[i]) {
			t.put(k, old.tats[i])
		}
	}
}
