package storetest_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/ratelimit"
	"github.com/fourxx/fourxx/ratelimit/storetest"
)

// brokenStores break one promise each; the contract must catch every one.
var brokenStores = map[string]struct {
	store func() ratelimit.Store
	fails string // a subtest that must fail
}{
	"admits everything":  {func() ratelimit.Store { return admitAll{} }, "burst_then_refusal"},
	"takes on refusal":   {func() ratelimit.Store { return perPolicy{ratelimit.NewMemoryStore(ratelimit.MemoryOptions{})} }, "a_refused_request_takes_nothing"},
	"one bucket for all": {func() ratelimit.Store { return oneKey{ratelimit.NewMemoryStore(ratelimit.MemoryOptions{})} }, "keys_are_independent"},
}

type admitAll struct{}

func (admitAll) Take(_ context.Context, _ string, _ int, _ []ratelimit.Policy, st []ratelimit.BucketState) error {
	clear(st)
	return nil
}

// perPolicy decides each policy on its own, so a request one policy
// refuses still takes from the others.
type perPolicy struct{ s *ratelimit.MemoryStore }

func (p perPolicy) Take(ctx context.Context, key string, cost int, ps []ratelimit.Policy, st []ratelimit.BucketState) error {
	for i := range ps {
		if err := p.s.Take(ctx, key+"\x00"+ps[i].Name, cost, ps[i:i+1], st[i:i+1]); err != nil {
			return err
		}
	}
	return nil
}

// oneKey ignores the key.
type oneKey struct{ s *ratelimit.MemoryStore }

func (o oneKey) Take(ctx context.Context, _ string, cost int, ps []ratelimit.Policy, st []ratelimit.BucketState) error {
	return o.s.Take(ctx, "", cost, ps, st)
}

// TestContractCatchesBrokenStores runs the contract against each broken
// store in a child process (a failing subtest would fail this test) and
// checks that the subtest about the broken promise failed.
func TestContractCatchesBrokenStores(t *testing.T) {
	if name := os.Getenv("STORETEST_BROKEN"); name != "" {
		storetest.Run(t, func(*testing.T) ratelimit.Store { return brokenStores[name].store() })
		return
	}
	for name, b := range brokenStores {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestContractCatchesBrokenStores$", "-test.v")
			cmd.Env = append(os.Environ(), "STORETEST_BROKEN="+name)
			out, err := cmd.CombinedOutput()
			if err == nil || !strings.Contains(string(out), "--- FAIL: TestContractCatchesBrokenStores/"+b.fails) {
				t.Fatalf("contract did not fail %s for a store that %s (err %v):\n%s", b.fails, name, err, out)
			}
		})
	}
}
