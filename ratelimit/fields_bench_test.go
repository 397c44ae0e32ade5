package ratelimit

import (
	"net/http"
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
