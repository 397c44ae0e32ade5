package ratelimit_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/dunglas/httpsfv"
	"golang.org/x/time/rate"

	"github.com/fourxx/fourxx/ratelimit"
)

// newConcLimiter builds a Limiter from opts with the strict renderer.
func newConcLimiter(t *testing.T, opts ratelimit.Options) *ratelimit.Limiter {
	t.Helper()
	opts.Renderer = strict
	return ratelimit.New(opts)
}

// blocking is a handler whose requests stay in flight until released.
type blocking struct {
	entered chan struct{}
	release chan struct{}
}

func newBlocking() *blocking {
	return &blocking{entered: make(chan struct{}, 100), release: make(chan struct{})}
}

func (b *blocking) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.entered <- struct{}{}
	<-b.release
}

// inFlight starts n requests from addr through h and waits until each is
// inside the handler; the returned function waits, once b is released, for
// their recorded responses.
func inFlight(h http.Handler, b *blocking, addr string, n int) func() []*httptest.ResponseRecorder {
	recs := make([]*httptest.ResponseRecorder, n)
	var wg sync.WaitGroup
	for i := range recs {
		wg.Go(func() { recs[i] = do(h, addr) })
		<-b.entered
	}
	return func() []*httptest.ResponseRecorder {
		wg.Wait()
		return recs
	}
}

// A key with Limit requests in flight is refused until one of them ends;
// other keys are not affected. The refusal is 429 (or 503 by choice) with
// Retry-After, the policy's RateLimit member at r=0 and violated_policies;
// admitted responses carry the free slots, and RateLimit-Policy the quota
// in concurrent-requests.
func TestConcurrencyLimit(t *testing.T) {
	cases := []struct {
		name       string
		status     int
		wantStatus int
		wantRetry  string
	}{
		{"429 by default", 0, http.StatusTooManyRequests, "1"},
		{"503 by choice", http.StatusServiceUnavailable, http.StatusServiceUnavailable, "1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store := ratelimit.NewMemoryConcurrencyStore()
			l := newConcLimiter(t, ratelimit.Options{
				Policies:    []ratelimit.Policy{{Name: "rps", Rate: 1000, Burst: 1000}},
				Concurrency: &ratelimit.ConcurrencyPolicy{Name: "inflight", Limit: 3, Status: c.status, Store: store},
			})
			b := newBlocking()
			h := l.Handler(b)
			end := inFlight(h, b, "192.0.2.1:1", 3)
			rec := do(h, "192.0.2.1:2")
			if rec.Code != c.wantStatus || rec.Header().Get("Retry-After") != c.wantRetry {
				t.Fatalf("fourth request: %d, Retry-After %q; want %d, %q", rec.Code, rec.Header().Get("Retry-After"), c.wantStatus, c.wantRetry)
			}
			if got := rec.Header().Values("RateLimit"); len(got) != 1 || got[0] != `"inflight";r=0;t=1` {
				t.Fatalf("refusal RateLimit %q", got)
			}
			var body struct {
				Violated []string `json:"violated_policies"`
				Detail   string
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || len(body.Violated) != 1 || body.Violated[0] != "inflight" || !strings.Contains(body.Detail, "at most 3") {
				t.Fatalf("refusal body %s (%v)", rec.Body, err)
			}
			policy, err := httpsfv.UnmarshalList(rec.Header().Values("RateLimit-Policy"))
			if err != nil || len(policy) != 2 {
				t.Fatalf("RateLimit-Policy %q: %v", rec.Header().Values("RateLimit-Policy"), err)
			}
			item := policy[1].(httpsfv.Item)
			q, _ := item.Params.Get("q")
			qu, _ := item.Params.Get("qu")
			if item.Value != "inflight" || q != int64(3) || qu != "concurrent-requests" {
				t.Fatalf("concurrency policy member %v q=%v qu=%v", item.Value, q, qu)
			}
			// Another client has its own slots.
			endOther := inFlight(h, b, "192.0.2.9:1", 1)
			close(b.release)
			if r := endOther()[0]; r.Code != 200 || r.Header().Values("RateLimit")[1] != `"inflight";r=2` {
				t.Fatalf("other client's request: %d %q", r.Code, r.Header().Values("RateLimit"))
			}
			frees := map[string]bool{}
			for _, r := range end() {
				if r.Code != 200 {
					t.Fatalf("in-flight request: %d", r.Code)
				}
				frees[r.Header().Values("RateLimit")[1]] = true
			}
			if !frees[`"inflight";r=2`] || !frees[`"inflight";r=1`] || !frees[`"inflight";r=0`] {
				t.Fatalf("free slots seen by the three requests: %v", frees)
			}
			if n := store.Len(); n != 0 {
				t.Fatalf("%d keys still hold slots after every request ended", n)
			}
			if rec := do(l.Handler(okHandler), "192.0.2.1:3"); rec.Code != 200 {
				t.Fatalf("after the requests ended: %d", rec.Code)
			}
		})
	}
}

// A handler that panics gives its slot back.
func TestConcurrencyReleasedOnPanic(t *testing.T) {
	store := ratelimit.NewMemoryConcurrencyStore()
	l := newConcLimiter(t, ratelimit.Options{
		Policies:    []ratelimit.Policy{{Name: "rps", Rate: 1000, Burst: 1000}},
		Concurrency: &ratelimit.ConcurrencyPolicy{Name: "inflight", Limit: 1, Store: store},
	})
	h := l.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("handler bug") }))
	for i := range 3 {
		func() {
			defer func() {
				if recover() == nil {
					t.Fatal("the panic did not propagate")
				}
			}()
			do(h, "192.0.2.1:1")
		}()
		if n := store.Len(); n != 0 {
			t.Fatalf("after panic %d, %d keys hold slots", i, n)
		}
	}
}

// A request passes only when its token bucket admits it and a slot is
// free; a request the bucket refuses takes no slot.
func TestConcurrencyComposesWithBuckets(t *testing.T) {
	store := ratelimit.NewMemoryConcurrencyStore()
	l := newConcLimiter(t, ratelimit.Options{
		Store:       ratelimit.NewMemoryStore(ratelimit.MemoryOptions{Now: newClock().Now}),
		Policies:    []ratelimit.Policy{{Name: "burst", Rate: rate.Limit(0.001), Burst: 2}},
		Concurrency: &ratelimit.ConcurrencyPolicy{Name: "inflight", Limit: 1, Store: store},
	})
	b := newBlocking()
	h := l.Handler(b)
	end := inFlight(h, b, "192.0.2.1:1", 1)
	if rec := do(h, "192.0.2.1:2"); rec.Code != 429 || rec.Header().Get("RateLimit") != `"inflight";r=0;t=1` {
		t.Fatalf("second request while one is in flight: %d %q", rec.Code, rec.Header().Values("RateLimit"))
	}
	close(b.release)
	recs := end()
	if got := recs[0].Header().Values("RateLimit"); len(got) != 2 || got[1] != `"inflight";r=0` || !strings.HasPrefix(got[0], `"burst";r=`) {
		t.Fatalf("admitted RateLimit %q", got)
	}
	// The refused request took a token (the bucket decides first); the
	// third finds the bucket empty and is refused by it, taking no slot.
	rec := do(h, "192.0.2.1:3")
	if rec.Code != 429 || !strings.HasPrefix(rec.Header().Get("RateLimit"), `"burst";r=0`) {
		t.Fatalf("third request: %d %q", rec.Code, rec.Header().Values("RateLimit"))
	}
	if n := store.Len(); n != 0 {
		t.Fatalf("%d keys hold slots", n)
	}
}

func TestConcurrencyPolicyValidation(t *testing.T) {
	buckets := []ratelimit.Policy{{Name: "rps", Rate: 1, Burst: 1}}
	cases := []struct {
		name string
		p    ratelimit.ConcurrencyPolicy
		want string
	}{
		{"no name", ratelimit.ConcurrencyPolicy{Limit: 1}, "ratelimit: Concurrency.Name: empty"},
		{"unprintable name", ratelimit.ConcurrencyPolicy{Name: "in\nflight", Limit: 1}, "ratelimit: Concurrency.Name: "},
		{"zero limit", ratelimit.ConcurrencyPolicy{Name: "c"}, "ratelimit: Concurrency.Limit: "},
		{"limit past an sf-integer", ratelimit.ConcurrencyPolicy{Name: "c", Limit: 1e15}, "ratelimit: Concurrency.Limit: "},
		{"negative lease", ratelimit.ConcurrencyPolicy{Name: "c", Limit: 1, Lease: -1}, "ratelimit: Concurrency.Lease: "},
		{"negative retry-after", ratelimit.ConcurrencyPolicy{Name: "c", Limit: 1, RetryAfter: -1}, "ratelimit: Concurrency.RetryAfter: "},
		{"status 500", ratelimit.ConcurrencyPolicy{Name: "c", Limit: 1, Status: 500}, "ratelimit: Concurrency.Status: "},
		{"name of a bucket", ratelimit.ConcurrencyPolicy{Name: "rps", Limit: 1}, "ratelimit: Concurrency.Name: two policies"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.p
			opts := ratelimit.Options{Policies: buckets, Concurrency: &p}
			err := opts.Validate()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one about %q", err, c.want)
			}
		})
	}
}
