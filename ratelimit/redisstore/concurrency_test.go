package redisstore_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/redistest"
	"github.com/fourxx/fourxx/ratelimit"
	"github.com/fourxx/fourxx/ratelimit/redisstore"
)

// newConcurrencyStore returns a ConcurrencyStore on its own client.
func newConcurrencyStore(t *testing.T, srv *redistest.Server, prefix string) (*redisstore.ConcurrencyStore, *redis.Client) {
	t.Helper()
	c := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { c.Close() })
	s, err := redisstore.NewConcurrency(redisstore.Options{Client: c, Prefix: prefix, Timeout: testTimeout})
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

// Two instances (two stores and clients on one prefix) share the slots of
// a concurrency policy: with two requests of a client in flight on one
// instance, the other refuses the third with 429; a panicking handler
// gives its slot back; when every request has ended no lease is left.
func TestConcurrencyAcrossInstances(t *testing.T) {
	srv := redistest.Start(t)
	const limit = 2
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: discard})
	var admin *redis.Client
	build := func() (http.Handler, *blocker) {
		s, c := newConcurrencyStore(t, srv, "test:conc:shared:")
		admin = c
		l := newLimiter(t, ratelimit.Options{Renderer: rd, Store: ratelimit.NewMemoryStore(ratelimit.MemoryOptions{}),
			Policies:    []ratelimit.Policy{{Name: "rps", Rate: 1000, Burst: 1000}},
			Concurrency: &ratelimit.ConcurrencyPolicy{Name: "inflight", Limit: limit, Store: s}})
		b := &blocker{entered: make(chan struct{}, 10), release: make(chan struct{})}
		return l.Handler(b), b
	}
	a, blockA := build()
	b, blockB := build()
	get := func(h http.Handler) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.RemoteAddr = "192.0.2.1:1"
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	var wg sync.WaitGroup
	var held []*httptest.ResponseRecorder
	var mu sync.Mutex
	for range limit {
		wg.Go(func() {
			rec := get(a)
			mu.Lock()
			held = append(held, rec)
			mu.Unlock()
		})
		<-blockA.entered
	}
	if rec := get(b); rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "1" {
		t.Fatalf("third request on the other instance: %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	close(blockA.release)
	wg.Wait()
	for _, rec := range held {
		if rec.Code != 200 {
			t.Fatalf("held request: %d", rec.Code)
		}
	}
	key := "test:conc:shared:192.0.2.1"
	if n, err := admin.ZCard(context.Background(), key).Result(); err != nil || n != 0 {
		t.Fatalf("%d leases left after every request ended (%v)", n, err)
	}
	// A panicking handler on b gives its slot back.
	blockB.panics = true
	close(blockB.release)
	for range limit + 1 {
		func() {
			defer func() { _ = recover() }()
			get(b)
		}()
		<-blockB.entered
	}
	if n, err := admin.ZCard(context.Background(), key).Result(); err != nil || n != 0 {
		t.Fatalf("%d leases left after panicking handlers (%v)", n, err)
	}
}

// blocker holds requests until release is closed, then returns or panics.
type blocker struct {
	entered chan struct{}
	release chan struct{}
	panics  bool
}

func (b *blocker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.entered <- struct{}{}
	<-b.release
	if b.panics {
		panic("handler bug")
	}
}

// A holder that crashes (its client is gone: no renewal, no release)
// leaks its slot for one lease at most; a holder whose handler outlives the
// lease keeps its slot by renewing it.
func TestConcurrencyLeases(t *testing.T) {
	srv := redistest.Start(t)
	const lease = 400 * time.Millisecond
	ctx := context.Background()
	t.Run("crashed holder", func(t *testing.T) {
		crashed, crashedClient := newConcurrencyStore(t, srv, "test:conc:lease:")
		other, _ := newConcurrencyStore(t, srv, "test:conc:lease:")
		acquired := time.Now() // no later than Redis's clock when it grants the lease
		release, n, err := crashed.Acquire(ctx, "k", 1, lease)
		if err != nil || release == nil || n != 1 {
			t.Fatalf("acquire: %v %d %v", release != nil, n, err)
		}
		crashedClient.Close()
		if r, n, err := other.Acquire(ctx, "k", 1, lease); err != nil || r != nil || n != 1 {
			t.Fatalf("the slot of a live lease was given: %v %d %v", r != nil, n, err)
		}
		var got func()
		for deadline := time.Now().Add(lease + 5*time.Second); got == nil && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if got, _, err = other.Acquire(ctx, "k", 1, lease); err != nil {
				t.Fatal(err)
			}
		}
		freed := time.Since(acquired)
		if got == nil {
			t.Fatalf("the crashed holder's slot is still taken %v after it was acquired", freed)
		}
		t.Logf("the crashed holder's slot was free again %v after it was acquired (lease %v)", freed, lease)
		if freed < lease {
			t.Fatalf("slot freed after %v, before its lease %v ended", freed, lease)
		}
		got()
		release() // the crashed instance's release cannot reach Redis; it must not hang or panic
	})
	t.Run("long handler renews", func(t *testing.T) {
		holder, _ := newConcurrencyStore(t, srv, "test:conc:renew:")
		other, _ := newConcurrencyStore(t, srv, "test:conc:renew:")
		// A longer lease than above: a renewal is sent every third of it,
		// and must not come a whole two thirds late even on a loaded
		// machine.
		const longLease = 2 * lease
		release, _, err := holder.Acquire(ctx, "k", 1, longLease)
		if err != nil || release == nil {
			t.Fatal(err)
		}
		for end := time.Now().Add(2 * longLease); time.Now().Before(end); time.Sleep(longLease / 8) {
			if r, _, err := other.Acquire(ctx, "k", 1, longLease); err != nil || r != nil {
				t.Fatalf("a renewed lease's slot was given (err %v)", err)
			}
		}
		release()
		release() // twice is harmless
		r, _, err := other.Acquire(ctx, "k", 1, lease)
		if err != nil || r == nil {
			t.Fatalf("slot not free after release: %v", err)
		}
		r()
	})
}

// A concurrency store that cannot answer follows the Limiter's failure
// policy: 503 with Retry-After when failing closed, served when failing
// open.
func TestConcurrencyStoreDown(t *testing.T) {
	srv := redistest.Start(t)
	client := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { client.Close() })
	s, err := redisstore.NewConcurrency(redisstore.Options{Client: client, Prefix: "test:conc:down:"})
	if err != nil {
		t.Fatal(err)
	}
	srv.Stop()
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: discard})
	for _, c := range []struct {
		policy ratelimit.FailurePolicy
		want   int
	}{{ratelimit.FailClosed, http.StatusServiceUnavailable}, {ratelimit.FailOpen, http.StatusOK}} {
		l := newLimiter(t, ratelimit.Options{Renderer: rd, Logger: discard, FailurePolicy: c.policy,
			Policies:    []ratelimit.Policy{{Name: "rps", Rate: 1000, Burst: 1000}},
			Concurrency: &ratelimit.ConcurrencyPolicy{Name: "inflight", Limit: 1, Store: s}})
		rec := httptest.NewRecorder()
		l.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
		if rec.Code != c.want || (c.want == 503 && rec.Header().Get("Retry-After") == "") || (c.want == 200 && l.FailOpens() != 1) {
			t.Fatalf("failure policy %v: %d, Retry-After %q, %d fail-opens", c.policy, rec.Code, rec.Header().Get("Retry-After"), l.FailOpens())
		}
	}
}
