package ratelimit

import (
	"strconv"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

func TestFieldCacheReturnsTheLineOfEachPair(t *testing.T) {
	c := &fieldCache{name: `"default"`}
	// Pairs that share slots (r*31+t collides modulo the slot count) must
	// still get their own line.
	pairs := [][2]int64{{0, 1}, {1, 1}, {10, 0}, {33, 0}, {0, 32}, {fieldCacheSlots, 0}, {0, 0}, {2 * fieldCacheSlots, 0}}
	for round := 0; round < 2; round++ {
		for _, p := range pairs {
			want := `"default";r=` + strconv.FormatInt(p[0], 10)
			if p[1] > 0 {
				want += ";t=" + strconv.FormatInt(p[1], 10)
			}
			if got := c.get(p[0], p[1]); len(got) != 1 || got[0] != want {
				t.Errorf("round %d: get(%d, %d) = %q, want %q", round, p[0], p[1], got, want)
			}
		}
	}
}

func TestRejectCacheKeepsOneProblemPerPolicyAndDelay(t *testing.T) {
	policies := []Policy{{Name: "a", Rate: 1, Burst: 2}, {Name: "b", Rate: 1.0 / 86400, Burst: 1}}
	l := New(Options{Policies: policies})
	if got := len(l.rejects.problems[0]); got != 3 {
		t.Errorf("policy a: %d slots, want Window()+1 = 3", got)
	}
	if got := len(l.rejects.problems[1]); got != maxCachedRejects+1 {
		t.Errorf("policy b: %d slots, want the cap %d", got, maxCachedRejects+1)
	}
	states := []BucketState{{Debt: 2 * time.Second, Wait: 1500 * time.Millisecond}, {}}
	p1 := l.rejection([]int{0}, states, 2)
	pp := errorsx.Prepare(p1)
	l.rejects.store(0, 2, pp)
	l.rejects.store(1, 86400, pp) // out of range: not kept
	if l.rejects.load(0, 2) != pp || l.rejects.load(0, 1) != nil || l.rejects.load(1, 86400) != nil {
		t.Error("load/store mismatch")
	}
	if p1.Header.Get("Retry-After") != "2" || p1.Header.Get("RateLimit") != `"a";r=0;t=2` {
		t.Errorf("headers %v", p1.Header)
	}
}

// The line prepared for a bucket that was full before a request of cost 1
// is the line worked out from its debt, for ordinary and long windows.
func TestFieldCacheAfterFullIsTheComputedLine(t *testing.T) {
	for _, p := range []Policy{
		{Name: "default", Rate: 5, Burst: 10},
		{Name: "single", Rate: 1, Burst: 1},
		{Name: "generous", Rate: 1e9, Burst: 1e9},
		{Name: "bulk", Rate: 10, Burst: 10000},
		{Name: "daily", Rate: 10000.0 / 86400, Burst: 10000},
	} {
		p = p.prepared()
		c := newFieldCache(`"`+p.Name+`"`, &p)
		fresh := &fieldCache{name: c.name}
		want := fresh.get(shownQuota(&p, p.Interval()))
		if got := c.line(&p, p.Interval()); len(got) != 1 || got[0] != want[0] {
			t.Errorf("%s: line after a full bucket %q, want %q", p.Name, got, want)
		}
		if got, want := c.line(&p, 3*p.Interval()), fresh.get(shownQuota(&p, 3*p.Interval())); got[0] != want[0] {
			t.Errorf("%s: line for three tokens taken %q, want %q", p.Name, got, want)
		}
	}
}
