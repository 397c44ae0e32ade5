package ratelimit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/logtest"
	"github.com/fourxx/fourxx/internal/sfv"
	"github.com/fourxx/fourxx/ratelimit"
)

func TestNewRejectsInvalidPolicies(t *testing.T) {
	for name, ps := range map[string][]ratelimit.Policy{
		"none":          nil,
		"no name":       {{Rate: 1, Burst: 1}},
		"control char":  {{Name: "a\nb", Rate: 1, Burst: 1}},
		"zero rate":     {{Name: "a", Rate: 0, Burst: 1}},
		"infinite rate": {{Name: "a", Rate: rate.Inf, Burst: 1}},
		"zero burst":    {{Name: "a", Rate: 1, Burst: 0}},
		"duplicate":     {{Name: "a", Rate: 1, Burst: 1}, {Name: "a", Rate: 2, Burst: 2}},
		"overflow":      {{Name: "a", Rate: 1e-12, Burst: 1 << 30}},
		"huge burst":    {{Name: "a", Rate: 1e9, Burst: 1e15}},
	} {
		t.Run(name, func(t *testing.T) {
			opts := ratelimit.Options{Policies: ps}
			err := opts.Validate()
			if err == nil || !strings.HasPrefix(err.Error(), "ratelimit: Policies") {
				t.Fatalf("Validate = %v, want a ratelimit: Policies… error", err)
			}
			defer func() {
				if got := recover(); got == nil || fmt.Sprint(got) != err.Error() {
					t.Fatalf("New panicked with %v, want Validate's error %q", got, err)
				}
			}()
			ratelimit.New(opts)
		})
	}
}

// A store too small to hold one client's buckets in a shard would answer
// every new client 503; New refuses it instead.
func TestNewRejectsAStoreTooSmallForItsPolicies(t *testing.T) {
	two := []ratelimit.Policy{{Name: "a", Rate: 1, Burst: 1}, {Name: "b", Rate: 1, Burst: 1}}
	tests := []struct {
		maxKeys int
		ok      bool
	}{{100, false}, {127, false}, {128, true}, {0, true}}
	for _, tt := range tests {
		store := ratelimit.NewMemoryStore(ratelimit.MemoryOptions{MaxKeys: tt.maxKeys})
		opts := ratelimit.Options{Policies: two, Store: store}
		err := opts.Validate()
		if (err == nil) != tt.ok || err != nil && !strings.HasPrefix(err.Error(), "ratelimit: Store: ") {
			t.Errorf("MaxKeys %d: err %v, want ok=%v", tt.maxKeys, err, tt.ok)
		}
	}
}

// Token-bucket maths against the reference: for a fixed-rate stream the
// admitted count is min(requests, burst + rate × elapsed) within one
// request, and rate.Limiter admits the same count within one.
func TestTokenBucketMatchesReference(t *testing.T) {
	for _, tc := range []struct {
		rate    rate.Limit
		burst   int
		every   time.Duration
		n       int
		reqCost int
	}{
		{10, 20, 10 * time.Millisecond, 5000, 1},
		{4, 1, 50 * time.Millisecond, 3000, 1},
		{1, 5, 333 * time.Millisecond, 2000, 1},
		{rate.Every(24 * time.Hour / 10000), 100, time.Second, 20000, 1},
		{7, 30, 20 * time.Millisecond, 4000, 3},
		{0.5, 2, 700 * time.Millisecond, 1000, 1},
	} {
		t.Run(strconv.Itoa(tc.burst)+"/"+tc.every.String(), func(t *testing.T) {
			clock := newClock()
			store := ratelimit.NewMemoryStore(ratelimit.MemoryOptions{Now: clock.Now})
			ref := rate.NewLimiter(tc.rate, tc.burst)
			start := clock.Now()
			ps := []ratelimit.Policy{{Name: "p", Rate: tc.rate, Burst: tc.burst}}
			st := make([]ratelimit.BucketState, 1)
			admitted, refAdmitted := 0, 0
			for i := range tc.n {
				if err := store.Take(context.Background(), "k", tc.reqCost, ps, st); err != nil {
					t.Fatal(err)
				}
				ok := st[0].Wait == 0
				refOK := ref.AllowN(clock.Now(), tc.reqCost)
				if ok {
					admitted++
				}
				if refOK {
					refAdmitted++
				}
				if i < tc.n-1 {
					clock.Advance(tc.every)
				}
			}
			elapsed := clock.Now().Sub(start).Seconds()
			bound := (float64(tc.burst) + float64(tc.rate)*elapsed) / float64(tc.reqCost)
			want := min(float64(tc.n), bound)
			if d := float64(admitted) - want; d > 1 || d < -1 {
				t.Errorf("admitted %d, reference bound %.2f", admitted, want)
			}
			if d := admitted - refAdmitted; d > 1 || d < -1 {
				t.Errorf("admitted %d, rate.Limiter %d", admitted, refAdmitted)
			}
		})
	}
}

// standards.md items 50, 54, 55: a client waiting exactly Retry-After
// seconds is admitted; t on the 429 equals Retry-After.
func TestRetryAfterIsTruthful(t *testing.T) {
	for _, tc := range []struct {
		rate  rate.Limit
		burst int
		cost  int
	}{
		{1, 1, 1}, {0.3, 2, 1}, {10, 5, 5}, {rate.Every(90 * time.Second), 1, 1}, {3, 3, 2},
	} {
		t.Run("", func(t *testing.T) {
			clock := newClock()
			h, _ := newLimited(t, clock, ratelimit.Options{
				Policies: []ratelimit.Policy{{Name: "p", Rate: tc.rate, Burst: tc.burst}},
				Cost:     func(*http.Request) int { return tc.cost },
			})
			for do(h, "192.0.2.1:1").Code == http.StatusOK {
				clock.Advance(time.Millisecond)
			}
			rec := do(h, "192.0.2.1:1")
			ra, err := strconv.Atoi(rec.Header().Get("Retry-After"))
			if err != nil || ra < 1 {
				t.Fatalf("Retry-After %q", rec.Header().Get("Retry-After"))
			}
			items, err := sfv.ParseList(rec.Header().Values("RateLimit")...)
			if err != nil || len(items) != 1 || items[0].Param("t") != int64(ra) {
				t.Fatalf("RateLimit %q does not carry t=%d: %v", rec.Header().Values("RateLimit"), ra, err)
			}
			if ra > 1 {
				clock.Advance(time.Duration(ra-1) * time.Second)
				if c := do(h, "192.0.2.1:1").Code; c != http.StatusTooManyRequests {
					t.Fatalf("admitted a whole second before Retry-After (%d)", c)
				}
				clock.Advance(time.Second)
			} else {
				clock.Advance(time.Duration(ra) * time.Second)
			}
			if c := do(h, "192.0.2.1:1").Code; c != http.StatusOK {
				t.Fatalf("client that waited Retry-After=%d s got %d", ra, c)
			}
		})
	}
}

// standards.md items 52, 53: both fields parse as sf-lists with the
// draft-10 parameters.
func TestFieldsOnAdmittedResponses(t *testing.T) {
	clock := newClock()
	h, _ := newLimited(t, clock, ratelimit.Options{Policies: []ratelimit.Policy{
		{Name: "burst", Rate: 10, Burst: 20},
		{Name: "daily", Rate: rate.Every(24 * time.Hour / 10000), Burst: 10000},
	}})
	rec := do(h, "192.0.2.1:1")
	if rec.Code != http.StatusOK {
		t.Fatal(rec.Code)
	}
	pol, err := sfv.ParseList(rec.Header().Values("RateLimit-Policy")...)
	if err != nil {
		t.Fatal(err)
	}
	wantPol := []struct {
		name string
		q, w int64
	}{{"burst", 20, 2}, {"daily", 10000, 86400}}
	for i, w := range wantPol {
		if pol[i].Value != w.name || pol[i].Param("q") != w.q || pol[i].Param("w") != w.w {
			t.Errorf("policy %d = %+v, want %+v", i, pol[i], w)
		}
	}
	items, err := sfv.ParseList(rec.Header().Values("RateLimit")...)
	if err != nil || len(items) != 2 {
		t.Fatalf("RateLimit %q: %v", rec.Header().Values("RateLimit"), err)
	}
	if items[0].Value != "burst" || items[0].Param("r") != int64(19) || items[0].Param("t") != int64(1) {
		t.Errorf("burst item %+v", items[0])
	}
	// The daily bucket holds 9999 tokens; r/t may not exceed 10 × q/w
	// (standards.md item 56), so t is raised to ceil(9999 × 86400 / 100000).
	if items[1].Value != "daily" || items[1].Param("r") != int64(9999) || items[1].Param("t") != int64(8640) {
		t.Errorf("daily item %+v", items[1])
	}
	clock.Advance(time.Hour)
	rec = do(h, "192.0.2.1:1")
	items, _ = sfv.ParseList(rec.Header().Values("RateLimit")...)
	if items[0].Param("r") != int64(19) || items[0].Param("t") != int64(1) {
		t.Errorf("after refill: %+v", items[0])
	}
}

func TestFullBucketOmitsT(t *testing.T) {
	clock := newClock()
	h, _ := newLimited(t, clock, ratelimit.Options{
		Policies: []ratelimit.Policy{{Name: "p", Rate: 1, Burst: 2}},
		Cost:     func(*http.Request) int { return 0 },
	})
	items, err := sfv.ParseList(do(h, "192.0.2.1:1").Header().Values("RateLimit")...)
	if err != nil || items[0].Param("r") != int64(2) || items[0].Param("t") != nil {
		t.Fatalf("free request on a full bucket: %+v %v", items, err)
	}
}

func TestTooManyRequestsProblem(t *testing.T) {
	clock := newClock()
	h, _ := newLimited(t, clock, ratelimit.Options{Policies: []ratelimit.Policy{
		{Name: "tb", Rate: 1, Burst: 10},
		{Name: "daily", Rate: rate.Every(24 * time.Hour / 1000), Burst: 1000},
	}})
	srv := httptest.NewServer(h)
	defer srv.Close()
	for range 10 {
		resp, err := http.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		req, _ := http.NewRequest(method, srv.URL, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		decErr := json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("%s: status %d", method, resp.StatusCode)
		}
		for k, want := range map[string]string{
			"Retry-After":   "1",
			"Cache-Control": "no-store",
			"Content-Type":  "application/problem+json",
			"RateLimit":     `"tb";r=0;t=1`,
		} {
			if got := resp.Header.Get(k); got != want {
				t.Errorf("%s: %s = %q, want %q", method, k, got, want)
			}
		}
		if method == http.MethodHead {
			if decErr == nil {
				t.Error("HEAD response has a body")
			}
			continue
		}
		if decErr != nil {
			t.Fatal(decErr)
		}
		if body["status"] != float64(429) || body["detail"] != `Too many requests under rate-limit policy "tb"; retry in 1 s.` {
			t.Errorf("body %v", body)
		}
		if v, _ := body["violated_policies"].([]any); len(v) != 1 || v[0] != "tb" {
			t.Errorf("violated_policies = %v", body["violated_policies"])
		}
	}
}

// A rejected request consumes nothing: the policy that allowed it keeps
// its tokens.
func TestRejectedRequestConsumesNothing(t *testing.T) {
	clock := newClock()
	store := ratelimit.NewMemoryStore(ratelimit.MemoryOptions{Now: clock.Now})
	ps := []ratelimit.Policy{{Name: "small", Rate: 1, Burst: 1}, {Name: "big", Rate: 1, Burst: 100}}
	st := make([]ratelimit.BucketState, 2)
	ctx := context.Background()
	if err := store.Take(ctx, "k", 1, ps, st); err != nil || st[0].Wait != 0 {
		t.Fatal(st, err)
	}
	before := ps[1].Remaining(st[1].Debt)
	for range 50 {
		if err := store.Take(ctx, "k", 1, ps, st); err != nil || st[0].Wait == 0 {
			t.Fatal("small policy should reject", st, err)
		}
		if got := ps[1].Remaining(st[1].Debt); got != before {
			t.Fatalf("rejected request took tokens from the allowing policy: %d → %d", before, got)
		}
	}
}

func TestWeightedCost(t *testing.T) {
	clock := newClock()
	h, _ := newLimited(t, clock, ratelimit.Options{
		Policies: []ratelimit.Policy{{Name: "p", Rate: 1, Burst: 10}},
		Cost: func(r *http.Request) int {
			n, _ := strconv.Atoi(r.URL.Query().Get("cost"))
			return n
		},
	})
	send := func(cost int) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/?cost="+strconv.Itoa(cost), nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for _, tc := range []struct{ cost, code int }{{4, 200}, {4, 200}, {4, 429}, {2, 200}, {1, 429}, {11, 500}, {-1, 500}} {
		if got := send(tc.cost).Code; got != tc.code {
			t.Fatalf("cost %d: %d, want %d", tc.cost, got, tc.code)
		}
	}
}

type failingStore struct{ err error }

func (s failingStore) Take(context.Context, string, int, []ratelimit.Policy, []ratelimit.BucketState) error {
	return s.err
}

// Key and store failures follow the failure policy, never 403/428/panic.
func TestFailurePolicy(t *testing.T) {
	boom := errors.New("redis: connection refused")
	badKey := func(*http.Request) (string, error) { return "", errors.New("no key") }
	emptyKey := func(*http.Request) (string, error) { return "", nil }
	for _, tc := range []struct {
		name   string
		key    ratelimit.KeyFunc
		store  ratelimit.Store
		policy ratelimit.FailurePolicy
		code   int
	}{
		{"key error closed", badKey, nil, ratelimit.FailClosed, 503},
		{"key error open", badKey, nil, ratelimit.FailOpen, 200},
		{"empty key closed", emptyKey, nil, ratelimit.FailClosed, 503},
		{"store error closed", nil, failingStore{boom}, ratelimit.FailClosed, 503},
		{"store error open", nil, failingStore{boom}, ratelimit.FailOpen, 200},
		{"store full open", nil, failingStore{&ratelimit.FullError{RetryAfter: 2500 * time.Millisecond}}, ratelimit.FailOpen, 503},
		{"unix socket peer", nil, nil, ratelimit.FailClosed, 503},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, l := newLimited(t, newClock(), ratelimit.Options{
				Policies: []ratelimit.Policy{{Name: "p", Rate: 1, Burst: 1}},
				Key:      tc.key, Store: tc.store, FailurePolicy: tc.policy,
				FailureRetryAfter: 2 * time.Second,
			})
			addr := "192.0.2.1:1"
			if tc.name == "unix socket peer" {
				addr = "@"
			}
			rec := do(h, addr)
			if rec.Code != tc.code {
				t.Fatalf("status %d, want %d", rec.Code, tc.code)
			}
			if tc.code == 503 {
				want := "2"
				if tc.name == "store full open" {
					want = "3"
				}
				if got := rec.Header().Get("Retry-After"); got != want {
					t.Errorf("Retry-After %q, want %s", got, want)
				}
			}
			if wantCount := uint64(0); tc.code == 200 {
				if l.FailOpens() != wantCount+1 {
					t.Errorf("FailOpens = %d", l.FailOpens())
				}
				if rec.Header().Get("RateLimit") != "" {
					t.Error("fail-open response claims a remaining quota")
				}
			}
		})
	}
}

func TestHideRemainingAndLegacy(t *testing.T) {
	clock := newClock()
	for _, tc := range []struct {
		hide, legacy bool
		want         map[string]string
	}{
		{true, false, map[string]string{"RateLimit": "", "RateLimit-Policy": `"p";q=5;w=5`, "X-RateLimit-Limit": ""}},
		{false, true, map[string]string{"RateLimit": `"p";r=4;t=1`, "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "4", "X-RateLimit-Reset": "1"}},
		{true, true, map[string]string{"RateLimit": "", "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": ""}},
	} {
		h, _ := newLimited(t, clock, ratelimit.Options{
			Policies:      []ratelimit.Policy{{Name: "p", Rate: 1, Burst: 5}},
			HideRemaining: tc.hide, LegacyHeaders: tc.legacy,
		})
		rec := do(h, "192.0.2.1:1")
		for k, v := range tc.want {
			if got := rec.Header().Get(k); got != v {
				t.Errorf("hide=%v legacy=%v: %s = %q, want %q", tc.hide, tc.legacy, k, got, v)
			}
		}
	}
}

func TestSkip(t *testing.T) {
	h, _ := newLimited(t, newClock(), ratelimit.Options{
		Policies: []ratelimit.Policy{{Name: "p", Rate: 1, Burst: 1}},
		Skip:     func(r *http.Request) bool { return r.URL.Path == "/x" },
	})
	for range 5 {
		if rec := do(h, "192.0.2.1:1"); rec.Code != 200 || rec.Header().Get("RateLimit-Policy") != "" {
			t.Fatal("skipped request was limited or annotated")
		}
	}
}

// standards.md item 56: r/t never exceeds 10 × q/w. r always tells the
// truth; t is raised where the ratio would be exceeded, and a bucket within
// the ratio shows its time to the next token.
func TestShownRemainingIsCapped(t *testing.T) {
	tests := []struct {
		name   string
		policy ratelimit.Policy
		wantR  int64
		wantT  int64
	}{
		{"fast refill, huge bucket", ratelimit.Policy{Name: "bulk", Rate: 10, Burst: 10000}, 9999, 100}, // ceil(9999 × 1000 / 100000)
		{"ordinary bucket is exact", ratelimit.Policy{Name: "default", Rate: 5, Burst: 10}, 9, 1},
		{"daily quota", ratelimit.Policy{Name: "daily", Rate: rate.Every(24 * time.Hour / 10000), Burst: 10000}, 9999, 8640},
		{"slow small quota keeps r truthful", ratelimit.Policy{Name: "hourly", Rate: rate.Every(time.Hour / 100), Burst: 100}, 99, 357}, // ceil(99 × 3600 / 1000)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, _ := newLimited(t, newClock(), ratelimit.Options{Policies: []ratelimit.Policy{tt.policy}})
			rec := do(h, "192.0.2.1:1")
			items, err := sfv.ParseList(rec.Header().Values("RateLimit")...)
			if err != nil || len(items) != 1 {
				t.Fatalf("RateLimit %q: %v", rec.Header().Values("RateLimit"), err)
			}
			r, rt := items[0].Param("r"), items[0].Param("t")
			if r != tt.wantR || rt != tt.wantT {
				t.Errorf("r=%v t=%v, want r=%d t=%d", r, rt, tt.wantR, tt.wantT)
			}
		})
	}
}

// cancelStore fails only when the request's context is done, with the
// context's error, as a network store does when its call is cancelled.
type cancelStore struct{}

func (cancelStore) Take(ctx context.Context, _ string, _ int, _ []ratelimit.Policy, _ []ratelimit.BucketState) error {
	return ctx.Err()
}

// A client that goes away before the decision is not a store failure: it
// is neither admitted under FailOpen nor answered 503 and logged at ERROR
// under FailClosed, and it is not counted as a fail-open.
func TestClientCancelIsNotAStoreFailure(t *testing.T) {
	for name, policy := range map[string]ratelimit.FailurePolicy{"fail open": ratelimit.FailOpen, "fail closed": ratelimit.FailClosed} {
		t.Run(name, func(t *testing.T) {
			logger, logs := logtest.New()
			rd := errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: logger})
			l := ratelimit.New(ratelimit.Options{
				Renderer: rd, Logger: logger, Store: cancelStore{}, FailurePolicy: policy,
				Policies: []ratelimit.Policy{{Name: "p", Rate: 1, Burst: 1}},
			})
			served := false
			h := l.Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { served = true }))
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			req := httptest.NewRequestWithContext(ctx, http.MethodGet, "/", nil)
			req.RemoteAddr = "192.0.2.1:1"
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if served {
				t.Error("a cancelled request reached the handler")
			}
			if rec.Code == http.StatusServiceUnavailable || l.FailOpens() != 0 {
				t.Errorf("treated as a store failure: status %d, FailOpens %d", rec.Code, l.FailOpens())
			}
			if out := logs.String(); strings.Contains(out, "level=WARN") || strings.Contains(out, "level=ERROR") {
				t.Errorf("logged as a failure: %s", out)
			}
		})
	}
}

// Stacked limiters (a global one around a per-route one) each add their
// members to RateLimit-Policy and RateLimit, outermost first, so a client
// sees every policy that may refuse it; a 429's RateLimit still lists only
// the violated policy. A limiter's prepared field values are never changed
// by another appending to them.
func TestStackedLimitersAdvertiseEveryPolicy(t *testing.T) {
	clock := newClock()
	_, global := newLimited(t, clock, ratelimit.Options{Policies: []ratelimit.Policy{{Name: "global", Rate: 100, Burst: 100}}})
	_, route := newLimited(t, clock, ratelimit.Options{Policies: []ratelimit.Policy{{Name: "route", Rate: 1, Burst: 2}}})
	stacked := global.Handler(route.Handler(okHandler))
	globalOnly := global.Handler(okHandler)
	const both = `"global";q=100;w=1, "route";q=2;w=2`
	tests := []struct {
		h             http.Handler
		code          int
		policy, limit string
	}{
		{stacked, 200, both, `"global";r=99;t=1, "route";r=1;t=1`},
		{globalOnly, 200, `"global";q=100;w=1`, `"global";r=98;t=1`},
		{stacked, 200, both, `"global";r=97;t=1, "route";r=0;t=1`},
		{stacked, 429, both, `"route";r=0;t=1`},
		{globalOnly, 200, `"global";q=100;w=1`, `"global";r=95;t=1`},
	}
	for i, tt := range tests {
		rec := do(tt.h, "192.0.2.1:1")
		pol, lim := strings.Join(rec.Header().Values("RateLimit-Policy"), ", "), strings.Join(rec.Header().Values("RateLimit"), ", ")
		if rec.Code != tt.code || pol != tt.policy || lim != tt.limit {
			t.Errorf("request %d: %d\nRateLimit-Policy: %s\nRateLimit: %s\nwant %d\n%s\n%s", i, rec.Code, pol, lim, tt.code, tt.policy, tt.limit)
		}
		if _, err := sfv.ParseList(rec.Header().Values("RateLimit-Policy")...); err != nil {
			t.Errorf("request %d: RateLimit-Policy does not parse: %v", i, err)
		}
	}
}

// blockingStore answers only when the request's context ends, as a network
// store whose call inherits the request's cancellation.
type blockingStore struct{ entered chan struct{} }

func (s blockingStore) Take(ctx context.Context, _ string, _ int, _ []ratelimit.Policy, _ []ratelimit.BucketState) error {
	close(s.entered)
	<-ctx.Done()
	return ctx.Err()
}

// Over a real connection: a client that half-closes its connection after
// sending its request (CloseWrite) cancels the request while the store
// decides. Under FailOpen the request must not reach the handler.
func TestHalfClosedClientIsNotServed(t *testing.T) {
	store := blockingStore{entered: make(chan struct{})}
	served := make(chan struct{}, 1)
	l := ratelimit.New(ratelimit.Options{
		Renderer: strict, Store: store, FailurePolicy: ratelimit.FailOpen,
		Policies: []ratelimit.Policy{{Name: "p", Rate: 1, Burst: 3}},
	})
	srv := httptest.NewServer(l.Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { served <- struct{}{} })))
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	<-store.entered
	if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
		t.Fatal(err)
	}
	// The server sees the end of the stream, cancels the request and,
	// the limiter having written nothing, closes the connection.
	resp, _ := io.ReadAll(conn)
	srv.Close() // waits for the handler to return
	select {
	case <-served:
		t.Fatal("a half-closed client was served under FailOpen")
	default:
	}
	if l.FailOpens() != 0 {
		t.Errorf("FailOpens = %d, want 0", l.FailOpens())
	}
	if bytes.Contains(resp, []byte("503")) {
		t.Errorf("answered as a store failure: %q", resp)
	}
}

// A Limiter given no renderer uses errorsx.Default() as it is when a
// problem is written, not when the Limiter was built.
func TestNilRendererIsTheDefaultAtWriteTime(t *testing.T) {
	l := ratelimit.New(ratelimit.Options{
		Store:    ratelimit.NewMemoryStore(ratelimit.MemoryOptions{Now: newClock().Now}),
		Policies: []ratelimit.Policy{{Name: "p", Rate: 1, Burst: 1}},
	})
	h := l.Handler(okHandler)
	old := errorsx.Default()
	t.Cleanup(func() { errorsx.SetDefault(old) })
	errorsx.SetDefault(errorsx.NewRenderer(errorsx.Options{TypeBase: "https://example.com/problems/"}))
	do(h, "192.0.2.1:1")
	rec := do(h, "192.0.2.1:1")
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), `"type":"https://example.com/problems/too-many-requests"`) {
		t.Fatalf("%d %s: not written by the default set after New", rec.Code, rec.Body)
	}
}

// A 429's r is capped at 10 × q × t / w without overflow: a burst near the
// largest with a Retry-After of 1000 s makes q × t exceed 64 bits, and the
// cap must not turn r negative.
func TestRejectedRemainingCapDoesNotOverflow(t *testing.T) {
	const burst = 999_999_999_999_999 // the largest q
	cost := burst - 5                 // leaves 5 tokens
	h, _ := newLimited(t, newClock(), ratelimit.Options{
		Policies: []ratelimit.Policy{{Name: "huge", Rate: 5e5, Burst: burst}},
		Cost:     func(*http.Request) int { return cost },
	})
	if rec := do(h, "192.0.2.1:1"); rec.Code != http.StatusOK {
		t.Fatal(rec.Code)
	}
	cost = 5e8 // 1000 s of refill
	rec := do(h, "192.0.2.1:1")
	items, err := sfv.ParseList(rec.Header().Values("RateLimit")...)
	if rec.Code != http.StatusTooManyRequests || err != nil || len(items) != 1 {
		t.Fatalf("%d, RateLimit %q: %v", rec.Code, rec.Header().Values("RateLimit"), err)
	}
	// 5 tokens are left, and 10 × q × 1000 / w allows far more.
	if r, rt := items[0].Param("r"), items[0].Param("t"); r != int64(5) || rt != int64(1000) {
		t.Errorf("r=%v t=%v, want r=5 t=1000", r, rt)
	}
}
