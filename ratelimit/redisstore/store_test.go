package redisstore_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/redistest"
	"github.com/fourxx/fourxx/ratelimit"
	"github.com/fourxx/fourxx/ratelimit/redisstore"
)

// roundTrips counts commands sent to Redis.
type roundTrips struct{ n atomic.Int64 }

func (h *roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmd)
	}
}
func (h *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmds)
	}
}

func newStore(t *testing.T, srv *redistest.Server, prefix string) (*redisstore.Store, *redis.Client, *roundTrips) {
	t.Helper()
	c := redis.NewClient(&redis.Options{Addr: srv.Addr(), MaxRetries: -1})
	t.Cleanup(func() { c.Close() })
	hook := &roundTrips{}
	c.AddHook(hook)
	s, err := redisstore.New(redisstore.Options{Client: c, Prefix: prefix, Timeout: testTimeout})
	if err != nil {
		t.Fatal(err)
	}
	return s, c, hook
}

// testTimeout is the store timeout of tests about decisions rather than
// timeouts: long enough that a loaded machine does not turn a slow answer
// into a failure.
const testTimeout = 2 * time.Second

var policies = []ratelimit.Policy{{Name: "fast", Rate: 1, Burst: 2}, {Name: "slow", Rate: 0.01, Burst: 100}}

func TestDecisionsAndRoundTrips(t *testing.T) {
	srv := redistest.Start(t)
	s, c, hook := newStore(t, srv, "test:rt:")
	ctx := context.Background()
	st := make([]ratelimit.BucketState, 2)
	// Warm up: the connection handshake and the first EVALSHA's NOSCRIPT
	// fallback happen once per connection and server, not per decision.
	if err := s.Take(ctx, "warm-up", 1, policies, st); err != nil {
		t.Fatal(err)
	}
	// The second refusal is answered from the first one (shedding).
	for i, want := range []struct {
		admitted   bool
		roundTrips int64
	}{{true, 1}, {true, 1}, {false, 1}, {false, 0}} {
		before := hook.n.Load()
		if err := s.Take(ctx, "client", 1, policies, st); err != nil {
			t.Fatal(err)
		}
		if n := hook.n.Load() - before; n != want.roundTrips {
			t.Fatalf("decision %d took %d round trips, want %d", i, n, want.roundTrips)
		}
		if got := st[0].Wait == 0 && st[1].Wait == 0; got != want.admitted {
			t.Fatalf("decision %d: admitted %v, want %v (%+v)", i, got, want.admitted, st)
		}
	}
	// The rejected requests took nothing from the allowing policy.
	if r := policies[1].Remaining(st[1].Debt); r != 98 {
		t.Fatalf("slow policy has %d tokens, want 98", r)
	}
	ttl, err := c.PTTL(ctx, s.Key("client")).Result()
	if err != nil || ttl <= 0 || ttl > 201*time.Second {
		t.Fatalf("PTTL %v, %v", ttl, err)
	}
	// Retry-After is truthful: waiting st.Wait admits (server clock).
	if err := s.Take(ctx, "client", 1, policies, st); err != nil || st[0].Wait <= 0 || st[0].Wait > time.Second {
		t.Fatalf("%+v %v", st, err)
	}
	time.Sleep(st[0].Wait)
	if err := s.Take(ctx, "client", 1, policies, st); err != nil || st[0].Wait != 0 {
		t.Fatalf("not admitted after waiting: %+v %v", st, err)
	}
}

func TestPrefixesAreIndependent(t *testing.T) {
	srv := redistest.Start(t)
	a, _, _ := newStore(t, srv, "test:a:")
	b, _, _ := newStore(t, srv, "test:b:")
	st := make([]ratelimit.BucketState, 2)
	for range 2 {
		_ = a.Take(context.Background(), "k", 1, policies, st)
	}
	if err := b.Take(context.Background(), "k", 1, policies, st); err != nil || st[0].Wait != 0 {
		t.Fatal("limiter b was charged for limiter a's requests")
	}
}

func TestScriptFlushRecovery(t *testing.T) {
	srv := redistest.Start(t)
	s, c, hook := newStore(t, srv, "test:flush:")
	ctx := context.Background()
	st := make([]ratelimit.BucketState, 2)
	if err := s.Take(ctx, "k", 1, policies, st); err != nil {
		t.Fatal(err)
	}
	if err := c.ScriptFlush(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	before := hook.n.Load()
	if err := s.Take(ctx, "k", 1, policies, st); err != nil || st[0].Wait != 0 {
		t.Fatalf("after SCRIPT FLUSH: %+v %v", st, err)
	}
	if n := hook.n.Load() - before; n != 2 {
		t.Fatalf("NOSCRIPT recovery took %d round trips, want 2 (EVALSHA, EVAL)", n)
	}
	before = hook.n.Load()
	if err := s.Take(ctx, "k", 1, policies, st); err != nil || hook.n.Load()-before != 1 {
		t.Fatalf("after recovery: %v, %d round trips", err, hook.n.Load()-before)
	}
}

// Redis stopped mid-test: each policy is followed quickly, and the same
// limiter recovers when Redis is back on the same port.
func TestRedisDownAndBack(t *testing.T) {
	srv := redistest.Start(t)
	s, _, _ := newStore(t, srv, "test:down:")
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true})
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	build := func(fp ratelimit.FailurePolicy) (http.Handler, *ratelimit.Limiter) {
		l := ratelimit.New(ratelimit.Options{Renderer: rd, Store: s, FailurePolicy: fp,
			Policies: []ratelimit.Policy{{Name: "p", Rate: 100, Burst: 100}}})
		return l.Handler(ok), l
	}
	closed, _ := build(ratelimit.FailClosed)
	open, openL := build(ratelimit.FailOpen)
	get := func(h http.Handler) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if c := get(closed).Code; c != 200 {
		t.Fatalf("up: %d", c)
	}
	srv.Stop()
	start := time.Now()
	if rec := get(closed); rec.Code != 503 || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("down, fail closed: %d %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	if rec := get(open); rec.Code != 200 || openL.FailOpens() != 1 {
		t.Fatalf("down, fail open: %d, %d fail-opens", rec.Code, openL.FailOpens())
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("two decisions against a dead Redis took %v", d)
	}
	srv.Restart()
	var code int
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if code = get(closed).Code; code == 200 {
			break
		}
	}
	if code != 200 {
		t.Fatalf("no recovery after restart: %d", code)
	}
}

// Many goroutines on one key: admitted ≤ burst + rate × elapsed.
func TestConcurrentOneKey(t *testing.T) {
	srv := redistest.Start(t)
	s, _, _ := newStore(t, srv, "test:conc:")
	ps := []ratelimit.Policy{{Name: "p", Rate: 50, Burst: 20}}
	var admitted atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			st := make([]ratelimit.BucketState, 1)
			for range 100 {
				if err := s.Take(context.Background(), "one", 1, ps, st); err == nil && st[0].Wait == 0 {
					admitted.Add(1)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start).Seconds()
	if limit := 20 + 50*elapsed; float64(admitted.Load()) > limit+1 {
		t.Fatalf("admitted %d > burst + rate × elapsed = %.1f", admitted.Load(), limit)
	}
	if admitted.Load() < 20 {
		t.Fatalf("admitted only %d", admitted.Load())
	}
}

func TestNewValidates(t *testing.T) {
	if _, err := redisstore.New(redisstore.Options{Prefix: "x:"}); err == nil {
		t.Error("no client accepted")
	}
	c := redis.NewClient(&redis.Options{})
	defer c.Close()
	if _, err := redisstore.New(redisstore.Options{Client: c}); err == nil {
		t.Error("empty prefix accepted")
	}
}

// After Preload the first decision is one round trip: the script is there.
func TestPreload(t *testing.T) {
	srv := redistest.Start(t)
	s, c, hook := newStore(t, srv, "test:preload:")
	ctx := context.Background()
	if err := c.ScriptFlush(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	if err := s.Preload(ctx); err != nil {
		t.Fatal(err)
	}
	before := hook.n.Load()
	st := make([]ratelimit.BucketState, 2)
	if err := s.Take(ctx, "k", 1, policies, st); err != nil || hook.n.Load()-before != 1 {
		t.Fatalf("first decision after Preload: %v, %d round trips", err, hook.n.Load()-before)
	}
	srv.Stop()
	if err := s.Preload(ctx); err == nil {
		t.Fatal("Preload against a stopped Redis reported no error")
	}
}
