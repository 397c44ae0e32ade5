// Checklist §2.6, rate limiting (RFC 6585 §4, draft-ietf-httpapi-ratelimit-
// headers-10): items 48–56 of docs/standards.md, against the running demo.

package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/fourxx/fourxx/internal/sfv"
	"github.com/fourxx/fourxx/ratelimit"
	"golang.org/x/time/rate"
)

// Item 48: throttled → 429 with a detail.
func TestItem48_429HasDetail(t *testing.T) {
	t.Parallel()
	x, _ := tooManyRequests(t)
	if d, _ := x.problem(t)["detail"].(string); d == "" {
		t.Errorf("%v", x)
	}
}

var (
	delaySeconds = regexp.MustCompile(`^\d+$`)
	imfFixdate   = regexp.MustCompile(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$`)
)

// Item 49: Retry-After is delay-seconds (design) or an IMF-fixdate.
func TestItem49_RetryAfterSyntax(t *testing.T) {
	t.Parallel()
	x, _ := tooManyRequests(t)
	ra := x.header.Values("Retry-After")
	if len(ra) != 1 || !(delaySeconds.MatchString(ra[0]) || imfFixdate.MatchString(ra[0])) {
		t.Errorf("Retry-After %q", ra)
	}
	if !delaySeconds.MatchString(ra[0]) {
		t.Errorf("Retry-After %q is not delay-seconds (design)", ra[0])
	}
}

// Item 50: a 1 token/s bucket, empty → Retry-After: 1; after that many
// seconds the request passes.
func TestItem50_RetryAfterIsTruthful(t *testing.T) {
	t.Parallel()
	x, s := tooManyRequests(t)
	if ra := x.header.Get("Retry-After"); ra != "1" {
		t.Fatalf("Retry-After %q, want 1", ra)
	}
	s.clock.advance(999 * time.Millisecond)
	if early := s.do(t, req{path: "/v1/widgets", headers: readerAuth}); early.status != http.StatusTooManyRequests {
		t.Errorf("0.999 s later: %d (Retry-After overstated the wait)", early.status)
	}
	s.clock.advance(time.Millisecond)
	if later := s.do(t, req{path: "/v1/widgets", headers: readerAuth}); later.status != http.StatusOK {
		t.Errorf("1 s later: %v", later)
	}
}

// Item 51: 429 must not be stored (see item 21).
func TestItem51_429NotStored(t *testing.T) {
	t.Parallel()
	x, _ := tooManyRequests(t)
	assertNotStorable(t, x.name, x.header, true)
}

// policyItems parses RateLimit-Policy and checks it against draft-10 §3.
func policyItems(t *testing.T, x exchange) map[string]sfv.Item {
	t.Helper()
	lines := x.header.Values("RateLimit-Policy")
	items, err := sfv.ParseList(lines...)
	if err != nil || len(items) == 0 {
		t.Fatalf("%s: RateLimit-Policy %q: %v (want a non-empty SF List)", x.name, lines, err)
	}
	out := map[string]sfv.Item{}
	for _, it := range items {
		name, ok := it.Value.(string)
		if !ok {
			t.Errorf("%s: policy %#v is not an sf-string", x.name, it.Value)
		}
		if q, ok := it.Param("q").(int64); !ok || q < 0 {
			t.Errorf("%s: policy %q: q %#v", x.name, name, it.Param("q"))
		}
		if w := it.Param("w"); w != nil {
			if n, ok := w.(int64); !ok || n <= 0 {
				t.Errorf("%s: policy %q: w %#v", x.name, name, w)
			}
		}
		if qu := it.Param("qu"); qu != nil {
			if _, ok := qu.(string); !ok {
				t.Errorf("%s: policy %q: qu %#v", x.name, name, qu)
			}
		}
		if pk := it.Param("pk"); pk != nil {
			if _, ok := pk.([]byte); !ok {
				t.Errorf("%s: policy %q: pk %#v", x.name, name, pk)
			}
		}
		out[name] = it
	}
	return out
}

// limitItems parses RateLimit and checks it against draft-10 §4 and the
// policies.
func limitItems(t *testing.T, x exchange, policies map[string]sfv.Item) []sfv.Item {
	t.Helper()
	lines := x.header.Values("RateLimit")
	items, err := sfv.ParseList(lines...)
	if err != nil || len(items) == 0 {
		t.Fatalf("%s: RateLimit %q: %v", x.name, lines, err)
	}
	for _, it := range items {
		name, _ := it.Value.(string)
		if _, ok := policies[name]; !ok {
			t.Errorf("%s: RateLimit names %#v, not a policy of RateLimit-Policy", x.name, it.Value)
		}
		if r, ok := it.Param("r").(int64); !ok || r < 0 {
			t.Errorf("%s: r %#v", x.name, it.Param("r"))
		}
		if tv := it.Param("t"); tv != nil {
			if n, ok := tv.(int64); !ok || n < 0 {
				t.Errorf("%s: t %#v", x.name, tv)
			}
		}
		if pk := it.Param("pk"); pk != nil {
			if _, ok := pk.([]byte); !ok {
				t.Errorf("%s: pk %#v", x.name, pk)
			}
		}
	}
	return items
}

// rateLimited are demo responses in the limiter's scope: 2xx, 4xx, 429.
func rateLimited(t *testing.T) []exchange {
	t.Helper()
	s := startDemo(t, 5, 10)
	var out []exchange
	for _, rq := range []req{
		{name: "200 list", path: "/v1/widgets", headers: readerAuth},
		{name: "201 create", method: http.MethodPost, path: "/v1/widgets", body: validBody, headers: hdrs(writerAuth, jsonBody)},
		{name: "204 delete", method: http.MethodDelete, path: "/v1/widgets/1", headers: adminAuth},
		{name: "204 OPTIONS", method: http.MethodOptions, path: "/v1/widgets"},
		{name: "401", path: "/v1/widgets"},
		{name: "422", method: http.MethodPost, path: "/v1/widgets", body: []byte(`{}`), headers: hdrs(writerAuth, jsonBody)},
	} {
		out = append(out, s.do(t, rq))
	}
	x, _ := tooManyRequests(t)
	return append(out, x)
}

// Item 52: RateLimit-Policy is a valid non-empty SF List of named policies
// with q, and never a trailer.
func TestItem52_RateLimitPolicyField(t *testing.T) {
	t.Parallel()
	for _, x := range rateLimited(t) {
		policyItems(t, x)
		if len(x.trailer) > 0 {
			t.Errorf("%s: trailers %v", x.name, x.trailer)
		}
	}
}

// Item 53: RateLimit is an SF List naming policies of RateLimit-Policy,
// with r and optional t, and never a trailer.
func TestItem53_RateLimitField(t *testing.T) {
	t.Parallel()
	for _, x := range rateLimited(t) {
		limitItems(t, x, policyItems(t, x))
		if _, ok := x.trailer["Ratelimit"]; ok {
			t.Errorf("%s: RateLimit in trailers", x.name)
		}
	}
}

// Item 54: a 429 with both fields: Retry-After ≥ t.
// Item 55 (design): the two agree, t == Retry-After.
func TestItem54_55_RetryAfterAgreesWithReset(t *testing.T) {
	t.Parallel()
	x, _ := tooManyRequests(t)
	ra, err := strconv.ParseInt(x.header.Get("Retry-After"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range limitItems(t, x, policyItems(t, x)) {
		reset, ok := it.Param("t").(int64)
		if !ok {
			t.Errorf("429 RateLimit %v has no t", it)
			continue
		}
		if ra < reset {
			t.Errorf("item 54: Retry-After %d earlier than t=%d", ra, reset)
		}
		if ra != reset {
			t.Errorf("item 55: Retry-After %d, t=%d: a client ignoring Retry-After retries at a different time", ra, reset)
		}
	}
}

// Item 56 [design threshold]: with a q=10000;w=1000 policy, a client
// dividing r by t never infers more than 10 × q/w. The demo's policy is
// configured by flags, so the test builds the limiter the demo builds
// (ratelimit.New with its renderer options and a memory store on a
// test clock) with such a policy, and checks the demo's own policy too.
func TestItem56_RemainingOverResetIsCapped(t *testing.T) {
	t.Parallel()
	check := func(x exchange) {
		t.Helper()
		policies := policyItems(t, x)
		for _, it := range limitItems(t, x, policies) {
			reset, hasReset := it.Param("t").(int64)
			if !hasReset {
				continue // full bucket: no reset to divide by
			}
			p := policies[it.Value.(string)]
			q, w := p.Param("q").(int64), p.Param("w").(int64)
			r := it.Param("r").(int64)
			if reset == 0 || float64(r)/float64(reset) > 10*float64(q)/float64(w) {
				t.Errorf("%s: RateLimit r=%d;t=%d under q=%d;w=%d: r/t = %g > 10×q/w = %g",
					x.name, r, reset, q, w, float64(r)/float64(max(reset, 1)), 10*float64(q)/float64(w))
			}
		}
	}

	clock := newTestClock()
	ts := httptest.NewUnstartedServer(nil)
	limiter := ratelimit.New(ratelimit.Options{
		Renderer: demoRenderer("http://" + ts.Listener.Addr().String()),
		Policies: []ratelimit.Policy{{Name: "bulk", Rate: rate.Limit(10), Burst: 10000}},
		Store:    ratelimit.NewMemoryStore(ratelimit.MemoryOptions{Now: clock.now}),
	})
	ts.Config.Handler = limiter.Handler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	ts.Start()
	t.Cleanup(ts.Close)
	for i := range 5 {
		x := doURL(t, ts.Client(), ts.URL, req{name: fmt.Sprintf("q=10000;w=1000 request %d", i+1), path: "/"})
		if pol := x.header.Get("RateLimit-Policy"); pol != `"bulk";q=10000;w=1000` {
			t.Fatalf("policy %q", pol)
		}
		check(x)
		clock.advance(50 * time.Millisecond)
	}

	for _, x := range rateLimited(t) {
		check(x)
	}
}
