package redisstore_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
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

// newClusterStore returns a Store with the given timeout on its own cluster
// client, configured as the demo configures one.
func newClusterStore(t *testing.T, cl *redistest.Cluster, prefix string, timeout time.Duration) (*redisstore.Store, *redis.ClusterClient) {
	t.Helper()
	c := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: cl.Addrs(), ContextTimeoutEnabled: true}).(*redis.ClusterClient)
	t.Cleanup(func() { c.Close() })
	s, err := redisstore.New(redisstore.Options{Client: c, Prefix: prefix, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

// One loopback cluster of three masters and three replicas serves these
// subtests in order; the last kills a master.
func TestCluster(t *testing.T) {
	cl := redistest.StartCluster(t)
	t.Run("keys spread over all masters", func(t *testing.T) { testClusterSpread(t, cl) })
	t.Run("two instances share one bound", func(t *testing.T) { testClusterSharedBound(t, cl) })
	t.Run("failover", func(t *testing.T) { testClusterFailover(t, cl) })
}

func testClusterSpread(t *testing.T, cl *redistest.Cluster) {
	s, c := newClusterStore(t, cl, "test:spread:", testTimeout)
	ctx := context.Background()
	st := make([]ratelimit.BucketState, len(policies))
	const keys = 300
	for i := range keys {
		if err := s.Take(ctx, "client-"+strconv.Itoa(i), 1, policies, st); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	perMaster := map[string]int64{}
	err := c.ForEachMaster(ctx, func(ctx context.Context, m *redis.Client) error {
		n, err := m.DBSize(ctx).Result()
		mu.Lock()
		perMaster[m.Options().Addr] = n
		mu.Unlock()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for addr, n := range perMaster {
		if n == 0 {
			t.Errorf("master %s holds no key", addr)
		}
		total += n
	}
	if len(perMaster) != 3 || total != keys {
		t.Fatalf("keys per master %v, want %d keys over 3 masters", perMaster, keys)
	}
	t.Logf("%d keys per master: %v", keys, perMaster)
}

// Two stores on two cluster clients (two application instances) with one
// prefix admit, together, at most burst + rate × elapsed requests of one
// client.
func testClusterSharedBound(t *testing.T, cl *redistest.Cluster) {
	const (
		rate  = 20
		burst = 10
	)
	ps := []ratelimit.Policy{{Name: "shared", Rate: rate, Burst: burst}}
	a, _ := newClusterStore(t, cl, "test:shared:", testTimeout)
	b, _ := newClusterStore(t, cl, "test:shared:", testTimeout)
	var admitted, sent atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for g := range 4 {
		s := [2]*redisstore.Store{a, b}[g%2]
		wg.Go(func() {
			st := make([]ratelimit.BucketState, 1)
			for range 100 {
				sent.Add(1)
				err := s.Take(context.Background(), "one-client", 1, ps, st)
				if err != nil {
					t.Error(err)
					return
				}
				if st[0].Wait == 0 {
					admitted.Add(1)
				}
				time.Sleep(2 * time.Millisecond)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start).Seconds()
	bound := burst + rate*elapsed
	t.Logf("two instances: %d of %d admitted in %.2f s; burst + rate × elapsed = %.1f", admitted.Load(), sent.Load(), elapsed, bound)
	if float64(admitted.Load()) > bound+1 || admitted.Load() < burst {
		t.Fatalf("admitted %d, want between %d and burst + rate × elapsed = %.1f", admitted.Load(), burst, bound)
	}
}

// decision is one request of the failover run.
type decision struct {
	at             time.Time
	took           time.Duration
	closed, open   int // statuses from the fail-closed and fail-open limiters
	openedFailOpen bool
}

// failed reports whether either limiter could not decide.
func (d decision) failed() bool { return d.closed == 503 || d.openedFailOpen }

// timeline is what a failover run shows. Recovery is the first decision of
// the first second-long streak of decided requests after the failures
// began; a stray timeout later, on a loaded machine, is the failure policy
// at work, not a missed promotion.
type timeline struct {
	firstFail, lastFail, recovery time.Time
	failures                      int
	slowest                       time.Duration
}

func summarize(decisions []decision) timeline {
	var tl timeline
	var streak time.Time
	for _, d := range decisions {
		tl.slowest = max(tl.slowest, d.took)
		if d.failed() {
			tl.failures++
			if tl.firstFail.IsZero() {
				tl.firstFail = d.at
			}
		}
		if !tl.recovery.IsZero() {
			continue
		}
		switch {
		case d.failed():
			tl.lastFail, streak = d.at, time.Time{}
		case !tl.firstFail.IsZero() && streak.IsZero():
			streak = d.at
		case !streak.IsZero() && d.at.Sub(streak) >= time.Second:
			tl.recovery = streak
		}
	}
	return tl
}

// A master is killed while two limiters (fail closed, fail open) decide for
// a client whose key it holds. Until its replica is promoted every decision
// follows the limiter's failure policy within about the store's timeout;
// within 5 s of the promotion both are deciding again, without a restart.
func testClusterFailover(t *testing.T, cl *redistest.Cluster) {
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: discard})
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	build := func(fp ratelimit.FailurePolicy, prefix string) (http.Handler, *ratelimit.Limiter, *redis.ClusterClient) {
		s, c := newClusterStore(t, cl, prefix, redisstore.DefaultTimeout)
		// As at an application's start-up: connections to every master and
		// the script are ready before the first decision.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.Preload(ctx); err != nil {
			t.Fatal(err)
		}
		l := newLimiter(t, ratelimit.Options{Renderer: rd, Store: s, FailurePolicy: fp, Logger: discard,
			Policies: []ratelimit.Policy{{Name: "p", Rate: 1000, Burst: 1000}}})
		return l.Handler(ok), l, c
	}
	// The hash tag puts both limiters' keys in one slot, on one master.
	closed, _, c := build(ratelimit.FailClosed, "test:{failover}:closed:")
	open, openL, _ := build(ratelimit.FailOpen, "test:{failover}:open:")
	const client = "192.0.2.7:1234"
	get := func(h http.Handler) int {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.RemoteAddr = client
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	// Both decide before the failover (a loaded machine may time out a
	// first call: the subject here is the failover).
	decided := func() bool {
		before := openL.FailOpens()
		return get(closed) == 200 && get(open) == 200 && openL.FailOpens() == before
	}
	for i := 0; !decided(); i++ {
		if i == 50 {
			t.Fatal("no decision before the failover")
		}
		time.Sleep(20 * time.Millisecond)
	}
	m, err := c.MasterForKey(context.Background(), "test:{failover}:closed:192.0.2.7")
	if err != nil {
		t.Fatal(err)
	}
	victim := cl.Node(m.Options().Addr)
	replica := cl.ReplicaOf(victim)
	if victim == nil || replica == nil {
		t.Fatalf("no node or no replica for master %s", m.Options().Addr)
	}

	var (
		mu        sync.Mutex
		decisions []decision
		stop      = make(chan struct{})
		wg        sync.WaitGroup
	)
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			before := openL.FailOpens()
			start := time.Now()
			d := decision{at: start, closed: get(closed), open: get(open)}
			d.took = time.Since(start)
			d.openedFailOpen = openL.FailOpens() > before
			mu.Lock()
			decisions = append(decisions, d)
			mu.Unlock()
		}
	})
	killed := time.Now()
	victim.Stop()
	promoted := cl.WaitPromoted(replica, 30*time.Second)
	// Watch until both limiters have decided for a second in a row, or
	// give up 10 s after the promotion.
	recovered := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return !summarize(decisions).recovery.IsZero()
	}
	for deadline := promoted.Add(10 * time.Second); time.Now().Before(deadline) && !recovered(); {
		time.Sleep(50 * time.Millisecond)
	}
	close(stop)
	wg.Wait()

	tl := summarize(decisions)
	var afterPromotion []time.Duration
	for _, d := range decisions {
		if d.closed != 200 && d.closed != 503 || d.open != 200 {
			t.Errorf("at %v: fail closed answered %d, fail open %d; want 200 or 503, and 200", d.at.Sub(killed), d.closed, d.open)
		}
		if d.failed() && d.at.After(promoted) {
			afterPromotion = append(afterPromotion, d.at.Sub(promoted).Round(time.Millisecond))
		}
	}
	firstFail, lastFail, recovery, failures, slowest := tl.firstFail, tl.lastFail, tl.recovery, tl.failures, tl.slowest
	t.Logf("failing decisions after the promotion, from it: %v", afterPromotion)
	t.Logf("failover timeline from the kill: first failing decision %v, promotion seen %v, last failing decision before recovery %v, recovery %v; %d of %d decisions failed; slowest pair of decisions %v",
		firstFail.Sub(killed), promoted.Sub(killed), lastFail.Sub(killed), recovery.Sub(killed), failures, len(decisions), slowest)
	if failures == 0 {
		t.Fatal("no decision failed while the master was down: the run did not exercise the failover")
	}
	if recovery.IsZero() || recovery.Sub(promoted) > 5*time.Second {
		t.Fatalf("no recovery within 5 s of the promotion (failing decisions after it: %v)", afterPromotion)
	}
	// Two decisions per iteration, each bounded by the 50 ms store timeout;
	// the bound leaves room for a loaded machine.
	if slowest > 2*time.Second {
		t.Fatalf("a pair of decisions took %v during the failover", slowest)
	}
}
