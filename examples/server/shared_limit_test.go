package main

import (
	"encoding/json"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/internal/redistest"
)

// sharedLimitPublicURL is the public URL the instances under test put in
// problem type URIs.
const sharedLimitPublicURL = "http://demo.test"

// startSharedLimitInstance builds one demo app and serves it; both are
// released when the test ends.
func startSharedLimitInstance(t *testing.T, redisURL string, rate float64, burst int) *httptest.Server {
	t.Helper()
	a, err := newApp(appConfig{publicURL: sharedLimitPublicURL, rate: rate, burst: burst,
		redisURL: redisURL, redisTimeout: 2 * time.Second, logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.close)
	ts := httptest.NewServer(a.handler)
	t.Cleanup(ts.Close)
	// The instance is ready once it has decided a request, made with other
	// credentials than the test's so that the test's bucket stays full: a
	// loaded machine may time out the first call to Redis (503).
	for i := 0; ; i++ {
		req, err := http.NewRequest(http.MethodGet, ts.URL+"/v1/widgets", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer admin-token")
		res, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusOK {
			break
		}
		if i == 20 {
			t.Fatalf("instance not ready: status %d", res.StatusCode)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return ts
}

// checkTooManyRequests fails the test unless res is a 429 problem whose
// Retry-After is whole seconds between 1 and the time one token takes.
func checkTooManyRequests(t *testing.T, res *http.Response, rate float64) {
	t.Helper()
	ra, err := strconv.Atoi(res.Header.Get("Retry-After"))
	if maxWait := int(math.Ceil(1 / rate)); err != nil || ra < 1 || ra > maxWait {
		t.Fatalf("429 Retry-After %q, want whole seconds in [1, %d]", res.Header.Get("Retry-After"), maxWait)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("429 Content-Type %q", ct)
	}
	var p struct{ Type string }
	if err := json.NewDecoder(res.Body).Decode(&p); err != nil {
		t.Fatalf("429 body: %v", err)
	}
	if want := sharedLimitPublicURL + "/problems/too-many-requests"; p.Type != want {
		t.Fatalf("429 type %q, want %q", p.Type, want)
	}
}

// Two instances pointed at one redis-server share one limit: requests sent
// alternately to both with the same credentials are admitted burst times in
// total (plus what refilled meanwhile), then both answer 429. The in-memory
// control run admits burst on each, which the shared bound forbids, so the
// assertion on the Redis run can fail.
//
// Its cases run in parallel with the rest of the suite: their instances give
// each Redis decision 2 s, which a loaded machine does not use up. The
// cluster forms (a little over 2 s, mostly waiting) from before t.Parallel,
// in the background, while the rest of the suite runs.
func TestSharedLimitAcrossInstances(t *testing.T) {
	cluster := redistest.StartClusterInBackground(t)
	t.Parallel()
	const (
		rate        = 1.0
		burst       = 4
		maxRequests = 4 * burst
	)
	cases := []struct {
		name   string
		shared bool
		redis  func(t *testing.T) string // the -redis value; nil means in memory
	}{
		{"redis", true, func(t *testing.T) string { return redistest.Start(t).URL() }},
		{"in-memory control", false, nil},
		{"redis cluster", true, func(t *testing.T) string { return strings.Join(cluster.Wait(t).Addrs(), ",") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			redisURL := ""
			if c.redis != nil {
				redisURL = c.redis(t)
			}
			instances := [2]*httptest.Server{
				startSharedLimitInstance(t, redisURL, rate, burst),
				startSharedLimitInstance(t, redisURL, rate, burst),
			}
			var admitted, lastStatus [2]int
			start := time.Now()
			for n := 0; lastStatus != [2]int{http.StatusTooManyRequests, http.StatusTooManyRequests}; n++ {
				if n == maxRequests {
					t.Fatalf("after %d requests the instances still admit (last statuses %v)", n, lastStatus)
				}
				i := n % 2
				req, err := http.NewRequest(http.MethodGet, instances[i].URL+"/v1/widgets", nil)
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Authorization", "Bearer reader-token")
				res, err := instances[i].Client().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				switch lastStatus[i] = res.StatusCode; res.StatusCode {
				case http.StatusOK:
					admitted[i]++
				case http.StatusTooManyRequests:
					checkTooManyRequests(t, res, rate)
				default:
					t.Fatalf("request %d to instance %d: status %d", n, i, res.StatusCode)
				}
				res.Body.Close()
			}
			elapsed := time.Since(start)
			total := admitted[0] + admitted[1]
			sharedBound := burst + int(rate*elapsed.Seconds())
			t.Logf("admitted %v in %v; one shared limit allows %d to %d", admitted, elapsed, burst, sharedBound)
			if c.shared {
				if total < burst || total > sharedBound {
					t.Fatalf("admitted %d in total (%v per instance), want %d to %d (burst + rate × %v)",
						total, admitted, burst, sharedBound, elapsed)
				}
				return
			}
			for i, n := range admitted {
				if n < burst {
					t.Fatalf("in-memory instance %d admitted %d, want at least burst %d", i, n, burst)
				}
			}
			if total <= sharedBound {
				t.Fatalf("in-memory instances admitted %d in total, within the shared bound %d: the Redis case proves nothing", total, sharedBound)
			}
		})
	}
}
