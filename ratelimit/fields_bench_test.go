package ratelimit

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/dunglas/httpsfv"
)

// The RateLimit field of a limiter with several policies changes with every
// request, so it is formatted per request. These two benchmarks are why it
// is appended by hand rather than built with httpsfv, which RateLimit-Policy
// (constant, serialized once by New) uses.
var twoPolicies = []Policy{{Name: "burst", Rate: 10, Burst: 20}, {Name: "daily", Rate: 0.1, Burst: 10000}}

var twoStates = []BucketState{{Debt: 150 * time.Millisecond}, {Debt: 30 * time.Second}}

// What the limiter does: writeFields for two policies.
func BenchmarkFieldTwoPoliciesByHand(b *testing.B) {
	l := New(Options{Policies: twoPolicies})
	h := http.Header{}
	b.ReportAllocs()
	for b.Loop() {
		l.writeFields(h, twoStates, true)
		delete(h, hdrRateLimit)
	}
}

// The same field line through httpsfv.
func BenchmarkFieldTwoPoliciesHTTPSFV(b *testing.B) {
	l := New(Options{Policies: twoPolicies})
	h := http.Header{}
	b.ReportAllocs()
	for b.Loop() {
		list := make(httpsfv.List, len(l.policies))
		for i := range l.policies {
			r, t := shownQuota(&l.policies[i], twoStates[i].Debt)
			it := httpsfv.NewItem(l.policies[i].Name)
			it.Params.Add("r", r)
			if t > 0 {
				it.Params.Add("t", t)
			}
			list[i] = it
		}
		v, err := httpsfv.Marshal(list)
		if err != nil {
			b.Fatal(err)
		}
		h[hdrRateLimit] = []string{v}
		delete(h, hdrRateLimit)
	}
}

// Both ways write the same line.
func TestFieldLineMatchesHTTPSFV(t *testing.T) {
	l := New(Options{Policies: twoPolicies})
	h := http.Header{}
	l.writeFields(h, twoStates, true)
	list, err := httpsfv.UnmarshalList(h[hdrRateLimit])
	if err != nil {
		t.Fatal(err)
	}
	again, err := httpsfv.Marshal(list)
	if err != nil || again != h.Get(hdrRateLimit) {
		t.Fatalf("hand-written %q, httpsfv %q (%v)", h.Get(hdrRateLimit), again, err)
	}
}

// The policies of BenchmarkFieldLine and BenchmarkShownQuota: one that
// refills within ten seconds, and one whose window is a day, where the r/t
// cap applies.
var quotaPolicies = []Policy{
	{Name: "second", Rate: 100, Burst: 100},
	{Name: "daily", Rate: 10000.0 / 86400, Burst: 10000},
}

// quotaDebts are 64 debts (a power of two, for indexing) of a bucket of p
// part-way empty, where no line is prepared: 32 whole-token levels, each at
// two points within its token, as a client drawing the bucket down and
// letting it refill goes through.
func quotaDebts(p *Policy) []time.Duration {
	var debts []time.Duration
	for i := range int64(32) {
		for _, frac := range []int64{0, p.iv() / 2} {
			debts = append(debts, time.Duration(min((2+i)*p.iv()+frac, p.tol())))
		}
	}
	return debts
}

// The RateLimit line of a single-policy limiter for a bucket part-way
// empty (the prepared field cache): the long window costs what the short
// one does, since its r/t cap is worked out only when a line is built.
func BenchmarkFieldLine(b *testing.B) {
	for _, p := range quotaPolicies {
		b.Run("window="+strconv.FormatInt(p.Window(), 10)+"s", func(b *testing.B) {
			p := p.prepared()
			c := newFieldCache(`"`+p.Name+`"`, &p)
			debts := quotaDebts(&p)
			for _, d := range debts {
				c.line(d)
			}
			n := 0
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				n += len(c.line(debts[i&(len(debts)-1)]))
			}
			if n == 0 {
				b.Fatal("no line")
			}
		})
	}
}

// shownQuota, which a limiter with several policies works out per policy
// and request, for a bucket part-way empty: the long window pays a 128-bit
// division for its r/t cap.
func BenchmarkShownQuota(b *testing.B) {
	for _, p := range quotaPolicies {
		b.Run("window="+strconv.FormatInt(p.Window(), 10)+"s", func(b *testing.B) {
			p := p.prepared()
			debts := quotaDebts(&p)
			var sum int64
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				r, t := shownQuota(&p, debts[i&(len(debts)-1)])
				sum += r + t
			}
			if sum == 0 {
				b.Fatal("no quota shown")
			}
		})
	}
}
