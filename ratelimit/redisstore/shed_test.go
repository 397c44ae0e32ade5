package redisstore_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/fourxx/fourxx/internal/redistest"
	"github.com/fourxx/fourxx/ratelimit"
	"github.com/fourxx/fourxx/ratelimit/redisstore"
)

// newStoreWith is newStore with options: its own client with a round-trip
// counting hook, and testTimeout unless opts has a timeout.
func newStoreWith(t *testing.T, srv *redistest.Server, opts redisstore.Options) (*redisstore.Store, *roundTrips) {
	t.Helper()
	c := redis.NewClient(&redis.Options{Addr: srv.Addr(), MaxRetries: -1})
	t.Cleanup(func() { c.Close() })
	hook := &roundTrips{}
	c.AddHook(hook)
	opts.Client = c
	if opts.Timeout == 0 {
		opts.Timeout = testTimeout
	}
	s, err := redisstore.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return s, hook
}

// A flood of 10 000 over-limit requests from one client within one
// Retry-After period costs 10 000 round trips without shedding and one with
// it; every one of them is refused either way.
func TestSheddingRoundTrips(t *testing.T) {
	srv := redistest.Start(t)
	const flood = 10_000
	ps := []ratelimit.Policy{{Name: "per-minute", Rate: 1.0 / 60, Burst: 1}}
	for _, c := range []struct {
		name       string
		noShedding bool
		want       int64
	}{{"without shedding", true, flood}, {"with shedding", false, 1}} {
		t.Run(c.name, func(t *testing.T) {
			s, hook := newStoreWith(t, srv, redisstore.Options{Prefix: "test:flood:" + c.name + ":", NoShedding: c.noShedding})
			ctx := context.Background()
			st := make([]ratelimit.BucketState, 1)
			if err := s.Take(ctx, "attacker", 1, ps, st); err != nil || st[0].Wait != 0 {
				t.Fatalf("first request: %+v %v", st, err)
			}
			before := hook.n.Load()
			for i := range flood {
				if err := s.Take(ctx, "attacker", 1, ps, st); err != nil || st[0].Wait <= 0 || st[0].Wait > time.Minute {
					t.Fatalf("over-limit request %d: %+v %v", i, st, err)
				}
			}
			got := hook.n.Load() - before
			t.Logf("%d over-limit requests cost %d round trips %s", flood, got, c.name)
			if got != c.want {
				t.Fatalf("%d round trips, want %d", got, c.want)
			}
		})
	}
}

// A refusal answered locally says what Redis itself says at that moment:
// the moment it names (now + wait) is never later than the one Redis names,
// and earlier by at most the duration of the round trip Redis refused, when
// the request was sent before Redis read its clock. Once that moment
// passes, the request goes to Redis again.
func TestSheddingAgreesWithRedis(t *testing.T) {
	srv := redistest.Start(t)
	ps := []ratelimit.Policy{{Name: "fast", Rate: 20, Burst: 2}, {Name: "slow", Rate: 5, Burst: 5}}
	shed, hook := newStoreWith(t, srv, redisstore.Options{Prefix: "test:agree:"})
	direct, _ := newStoreWith(t, srv, redisstore.Options{Prefix: "test:agree:", NoShedding: true})
	ctx := context.Background()
	local := make([]ratelimit.BucketState, len(ps))
	remote := make([]ratelimit.BucketState, len(ps))
	maxWait := func(st []ratelimit.BucketState) time.Duration { return max(st[0].Wait, st[1].Wait) }
	const slack = 2 * time.Microsecond // Redis rounds up to whole microseconds
	var lastTrip time.Duration         // the last round trip that Redis refused
	var shedAnswers, trips, compared int
	for end := time.Now().Add(1500 * time.Millisecond); time.Now().Before(end); {
		before := hook.n.Load()
		startL := time.Now()
		if err := shed.Take(ctx, "client", 1, ps, local); err != nil {
			t.Fatal(err)
		}
		endL := time.Now()
		if hook.n.Load() != before {
			trips++
			if maxWait(local) > 0 {
				lastTrip = endL.Sub(startL)
			}
			continue
		}
		shedAnswers++
		if maxWait(local) <= 0 {
			t.Fatalf("a request was admitted without asking Redis: %+v", local)
		}
		startD := time.Now()
		if err := direct.Take(ctx, "client", 1, ps, remote); err != nil {
			t.Fatal(err)
		}
		endD := time.Now()
		compared++
		// moment = now + wait, bounded by the calls' start and end times.
		if latest, earliest := endD.Add(maxWait(remote)+slack), startL.Add(maxWait(local)); earliest.After(latest) {
			t.Fatalf("locally refused until %v after Redis would admit (local %+v, Redis %+v)", earliest.Sub(latest), local, remote)
		}
		if gap := startD.Add(maxWait(remote)).Sub(endL.Add(maxWait(local))); gap > lastTrip+slack {
			t.Fatalf("local refusal ends %v before Redis's, more than the refused round trip %v", gap, lastTrip)
		}
		time.Sleep(time.Millisecond)
	}
	t.Logf("%d local answers compared with Redis, %d round trips", compared, trips)
	if shedAnswers == 0 || trips < 3 {
		t.Fatalf("%d local answers, %d round trips: the run never passed a refusal's end", shedAnswers, trips)
	}
}

// Refusals of many clients are remembered up to ShedKeys; a forgotten one
// costs a round trip and is refused by Redis as before.
func TestSheddingMemoryIsBounded(t *testing.T) {
	srv := redistest.Start(t)
	const keys, clients = 64, 2000
	s, hook := newStoreWith(t, srv, redisstore.Options{Prefix: "test:bounded:", ShedKeys: keys})
	ps := []ratelimit.Policy{{Name: "per-minute", Rate: 1.0 / 60, Burst: 1}}
	ctx := context.Background()
	st := make([]ratelimit.BucketState, 1)
	for i := range clients {
		for j, want := range []bool{true, false} {
			if err := s.Take(ctx, "client-"+strconv.Itoa(i), 1, ps, st); err != nil || (st[0].Wait == 0) != want {
				t.Fatalf("client %d request %d: %+v %v", i, j, st, err)
			}
		}
	}
	if n := s.ShedLen(); n > keys || n < keys/2 {
		t.Fatalf("%d refusals remembered, want at most ShedKeys %d (and most of it used)", n, keys)
	}
	// Every client is still refused, locally or by Redis.
	before := hook.n.Load()
	for i := range clients {
		if err := s.Take(ctx, "client-"+strconv.Itoa(i), 1, ps, st); err != nil {
			t.Fatal(err)
		}
		if st[0].Wait == 0 {
			t.Fatalf("client %d admitted after its refusal was forgotten: %+v", i, st)
		}
	}
	if trips := hook.n.Load() - before; trips < clients-keys {
		t.Fatalf("%d round trips for %d clients of which at most %d are remembered", trips, clients, keys)
	}
}
