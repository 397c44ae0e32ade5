// Package storetest checks that a [ratelimit.Store] keeps the contract the
// Limiter relies on: each decision is the token bucket's, atomic over all
// policies (a refused request takes nothing), per key, exact under
// concurrent requests, and reported truthfully in the BucketStates.
//
// The checks do not depend on how fast the machine is: their policies
// refill one token per hour, so no whole token comes back while they run,
// and every expectation is an exact count. Use it from a test of the store:
//
//	func TestContract(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) ratelimit.Store { return newStore(t) })
//	}
//
// It is test support: import it only from _test.go files.
package storetest

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/fourxx/fourxx/ratelimit"
)

// slow refills one token an hour: nothing comes back during a test.
var slow = rate.Every(time.Hour)

// policy returns a slow policy of the given burst.
func policy(name string, burst int) ratelimit.Policy {
	return ratelimit.Policy{Name: name, Rate: slow, Burst: burst}
}

// Run checks the store contract, each check in its own subtest with a
// fresh store from newStore (which should register its own cleanup).
func Run(t *testing.T, newStore func(t *testing.T) ratelimit.Store) {
	t.Helper()
	checks := []struct {
		name  string
		check func(t *testing.T, s ratelimit.Store)
	}{
		{"burst then refusal", burstThenRefusal},
		{"a refused request takes nothing", refusalTakesNothing},
		{"weighted costs", weightedCosts},
		{"free requests", freeRequests},
		{"keys are independent", keysAreIndependent},
		{"states follow the policies' order", statesInOrder},
		{"concurrent requests on one key", concurrentOneKey},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) { c.check(t, newStore(t)) })
	}
}

// take decides one request and fails the test on a store error.
func take(t *testing.T, s ratelimit.Store, key string, cost int, ps []ratelimit.Policy) []ratelimit.BucketState {
	t.Helper()
	st := make([]ratelimit.BucketState, len(ps))
	if err := s.Take(context.Background(), key, cost, ps, st); err != nil {
		t.Fatalf("Take(%q, cost %d): %v", key, cost, err)
	}
	return st
}

// wantAdmitted checks an admitted state: no wait, left whole tokens left,
// and a debt within the last token taken (the store's clock may have
// advanced a little since the bucket was last touched).
func wantAdmitted(t *testing.T, what string, p ratelimit.Policy, st ratelimit.BucketState, left int64) {
	t.Helper()
	if st.Wait != 0 || p.Remaining(st.Debt) != left {
		t.Fatalf("%s: %+v (%d left), want admitted with %d left", what, st, p.Remaining(st.Debt), left)
	}
	if taken := int64(p.Burst) - left; st.Debt > time.Duration(taken)*p.Interval() || taken > 0 && st.Debt <= time.Duration(taken-1)*p.Interval() {
		t.Fatalf("%s: debt %v for %d tokens taken of %v each", what, st.Debt, taken, p.Interval())
	}
}

// wantRefused checks a refused state: a wait of at most one interval (the
// next token) and no whole token left.
func wantRefused(t *testing.T, what string, p ratelimit.Policy, st ratelimit.BucketState, cost int) {
	t.Helper()
	if st.Wait <= 0 || st.Wait > time.Duration(cost)*p.Interval() {
		t.Fatalf("%s: %+v, want refused with a wait in (0, %v]", what, st, time.Duration(cost)*p.Interval())
	}
}

func burstThenRefusal(t *testing.T, s ratelimit.Store) {
	ps := []ratelimit.Policy{policy("p", 3)}
	for i := range 3 {
		wantAdmitted(t, "request "+strconv.Itoa(i+1), ps[0], take(t, s, "k", 1, ps)[0], int64(2-i))
	}
	for i := range 3 {
		wantRefused(t, "request "+strconv.Itoa(i+4), ps[0], take(t, s, "k", 1, ps)[0], 1)
	}
}

func refusalTakesNothing(t *testing.T, s ratelimit.Store) {
	ps := []ratelimit.Policy{policy("small", 1), policy("big", 100)}
	st := take(t, s, "k", 1, ps)
	wantAdmitted(t, "first request, small", ps[0], st[0], 0)
	wantAdmitted(t, "first request, big", ps[1], st[1], 99)
	for i := range 20 {
		st = take(t, s, "k", 1, ps)
		wantRefused(t, "refused request "+strconv.Itoa(i+1)+", small", ps[0], st[0], 1)
		if st[1].Wait != 0 || ps[1].Remaining(st[1].Debt) != 99 {
			t.Fatalf("refused request %d took from the allowing policy: %+v (%d left), want 99 left", i+1, st[1], ps[1].Remaining(st[1].Debt))
		}
	}
}

func weightedCosts(t *testing.T, s ratelimit.Store) {
	ps := []ratelimit.Policy{policy("p", 10)}
	wantAdmitted(t, "cost 4", ps[0], take(t, s, "k", 4, ps)[0], 6)
	wantAdmitted(t, "cost 4 again", ps[0], take(t, s, "k", 4, ps)[0], 2)
	wantRefused(t, "cost 3 with 2 left", ps[0], take(t, s, "k", 3, ps)[0], 1)
	wantAdmitted(t, "cost 2 with 2 left", ps[0], take(t, s, "k", 2, ps)[0], 0)
	wantAdmitted(t, "cost 10 on a fresh key", ps[0], take(t, s, "other", 10, ps)[0], 0)
}

func freeRequests(t *testing.T, s ratelimit.Store) {
	ps := []ratelimit.Policy{policy("p", 2)}
	wantAdmitted(t, "cost 0 on a full bucket", ps[0], take(t, s, "k", 0, ps)[0], 2)
	take(t, s, "k", 2, ps)
	wantAdmitted(t, "cost 0 on an empty bucket", ps[0], take(t, s, "k", 0, ps)[0], 0)
}

func keysAreIndependent(t *testing.T, s ratelimit.Store) {
	ps := []ratelimit.Policy{policy("p", 1)}
	take(t, s, "a", 1, ps)
	wantRefused(t, "key a, emptied", ps[0], take(t, s, "a", 1, ps)[0], 1)
	wantAdmitted(t, "key b", ps[0], take(t, s, "b", 1, ps)[0], 0)
	wantAdmitted(t, "key a:", ps[0], take(t, s, "a:", 1, ps)[0], 0)
}

func statesInOrder(t *testing.T, s ratelimit.Store) {
	ps := []ratelimit.Policy{policy("five", 5), policy("two", 2), policy("nine", 9)}
	st := take(t, s, "k", 1, ps)
	for i, left := range []int64{4, 1, 8} {
		wantAdmitted(t, "policy "+ps[i].Name, ps[i], st[i], left)
	}
	take(t, s, "k", 1, ps)
	st = take(t, s, "k", 1, ps)
	wantRefused(t, "policy two, emptied", ps[1], st[1], 1)
	for _, i := range []int{0, 2} {
		if st[i].Wait != 0 {
			t.Fatalf("policy %s refused with tokens left: %+v", ps[i].Name, st[i])
		}
	}
}

func concurrentOneKey(t *testing.T, s ratelimit.Store) {
	const burst, workers, each = 50, 8, 25
	ps := []ratelimit.Policy{policy("p", burst)}
	var admitted atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			st := make([]ratelimit.BucketState, 1)
			for range each {
				if err := s.Take(context.Background(), "k", 1, ps, st); err != nil {
					t.Error(err)
					return
				}
				if st[0].Wait == 0 {
					admitted.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if got := admitted.Load(); got != burst {
		t.Fatalf("%d of %d concurrent requests admitted, want exactly the burst %d", got, workers*each, burst)
	}
}
