package ratelimit

import (
	"strconv"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

func TestFieldCacheReturnsTheLineOfEachPair(t *testing.T) {
	// A window of 5 s: shownT never raises t.
	p := Policy{Name: "default", Rate: 1, Burst: 5}.prepared()
	c := &fieldCache{name: `"default"`, p: &p}
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

// The cached lines are those shownQuota gives, the one prepared for a
// bucket that was full before a request of cost 1 included, for ordinary
// windows and for long ones, whose t is raised for the r/t cap.
func TestFieldCacheLinesAreShownQuota(t *testing.T) {
	for _, p := range []Policy{
		{Name: "default", Rate: 5, Burst: 10},
		{Name: "single", Rate: 1, Burst: 1},
		{Name: "generous", Rate: 1e9, Burst: 1e9},
		{Name: "bulk", Rate: 10, Burst: 10000},
		{Name: "daily", Rate: 10000.0 / 86400, Burst: 10000},
		{Name: "hourly", Rate: 100.0 / 3600, Burst: 100},
	} {
		p = p.prepared()
		c := newFieldCache(`"`+p.Name+`"`, &p)
		want := func(debt time.Duration) string {
			r, t := shownQuota(&p, debt)
			line := `"` + p.Name + `";r=` + strconv.FormatInt(r, 10)
			if t > 0 {
				line += ";t=" + strconv.FormatInt(t, 10)
			}
			return line
		}
		debts := []time.Duration{p.Interval(), 0, 3 * p.Interval(), p.Interval() + 1, p.Interval() - 1, p.Tolerance(), p.Tolerance() / 2, p.Tolerance()/2 + p.Interval()/3}
		for round := range 2 {
			for _, debt := range debts {
				if got := c.line(debt); len(got) != 1 || got[0] != want(debt) {
					t.Errorf("%s, round %d: line for debt %v = %q, want %q", p.Name, round, debt, got, want(debt))
				}
			}
		}
	}
}
