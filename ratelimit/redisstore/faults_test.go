package redisstore_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	toxiproxy "github.com/Shopify/toxiproxy/v2"
	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/redistest"
	"github.com/fourxx/fourxx/ratelimit"
	"github.com/fourxx/fourxx/ratelimit/redisstore"
)

// faultTimeout is the store timeout of the faults that must fail, well
// below the latency that must (600 ms). The faults that must not fail
// (restart, flush, 10 ms latency) have a timeout of a second, so that a
// loaded machine cannot turn a slow answer into a failure.
const faultTimeout = 150 * time.Millisecond

// faultEnv is one redis-server reached through an in-process toxiproxy
// proxy, and a direct client to it for administration.
type faultEnv struct {
	srv   *redistest.Server
	proxy *toxiproxy.Proxy
	admin *redis.Client
}

func (e *faultEnv) addToxic(t *testing.T, spec string) {
	t.Helper()
	if _, err := e.proxy.Toxics.AddToxicJson(strings.NewReader(spec)); err != nil {
		t.Fatal(err)
	}
}

func (e *faultEnv) removeToxic(t *testing.T, name string) {
	t.Helper()
	if err := e.proxy.Toxics.RemoveToxic(context.Background(), name); err != nil {
		t.Fatal(err)
	}
}

func newFaultEnv(t *testing.T) *faultEnv {
	t.Helper()
	srv := redistest.Start(t)
	api := toxiproxy.NewServer(toxiproxy.NewMetricsContainer(nil), zerolog.Nop())
	p := toxiproxy.NewProxy(api, "redis", "127.0.0.1:0", srv.Addr())
	if err := p.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Stop)
	admin := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { admin.Close() })
	return &faultEnv{srv: srv, proxy: p, admin: admin}
}

// Each Redis fault, injected while two limiters (fail closed, fail open)
// decide through the proxy, is met by the configured failure policy within
// about the store's timeout, or, where the fault loses no availability, by
// decisions as usual; once it is healed the same limiters, stores and
// clients decide again, without a restart.
func TestRedisFaults(t *testing.T) {
	cases := []struct {
		name         string
		inject, heal func(t *testing.T, e *faultEnv)
		fails        bool // decisions fail while the fault lasts
	}{
		{
			name:   "stopped",
			inject: func(t *testing.T, e *faultEnv) { e.srv.Stop() },
			heal:   func(t *testing.T, e *faultEnv) { e.srv.Restart() },
			fails:  true,
		},
		{
			name:   "paused with SIGSTOP",
			inject: func(t *testing.T, e *faultEnv) { e.srv.Pause() },
			heal:   func(t *testing.T, e *faultEnv) { e.srv.Resume() },
			fails:  true,
		},
		{
			name:   "restarted",
			inject: func(t *testing.T, e *faultEnv) { e.srv.Restart() },
			heal:   func(t *testing.T, e *faultEnv) {},
		},
		{
			name: "FLUSHALL and SCRIPT FLUSH",
			inject: func(t *testing.T, e *faultEnv) {
				ctx := context.Background()
				if err := e.admin.FlushAll(ctx).Err(); err != nil {
					t.Fatal(err)
				}
				if err := e.admin.ScriptFlush(ctx).Err(); err != nil {
					t.Fatal(err)
				}
			},
			heal: func(t *testing.T, e *faultEnv) {},
		},
		{
			name: "latency under the timeout",
			inject: func(t *testing.T, e *faultEnv) {
				e.addToxic(t, `{"name":"slow","type":"latency","stream":"downstream","attributes":{"latency":10}}`)
			},
			heal: func(t *testing.T, e *faultEnv) { e.removeToxic(t, "slow") },
		},
		{
			name: "latency over the timeout",
			inject: func(t *testing.T, e *faultEnv) {
				e.addToxic(t, `{"name":"slow","type":"latency","stream":"downstream","attributes":{"latency":600}}`)
			},
			heal:  func(t *testing.T, e *faultEnv) { e.removeToxic(t, "slow") },
			fails: true,
		},
		{
			name: "connections reset",
			inject: func(t *testing.T, e *faultEnv) {
				e.addToxic(t, `{"name":"reset","type":"reset_peer","stream":"upstream","attributes":{"timeout":0}}`)
			},
			heal:  func(t *testing.T, e *faultEnv) { e.removeToxic(t, "reset") },
			fails: true,
		},
		{
			name:   "connections dropped and refused",
			inject: func(t *testing.T, e *faultEnv) { e.proxy.Stop() },
			heal: func(t *testing.T, e *faultEnv) {
				if err := e.proxy.Start(); err != nil {
					t.Fatal(err)
				}
			},
			fails: true,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newFaultEnv(t)
			timeout := faultTimeout
			if !c.fails {
				timeout = time.Second
			}
			// The client as the demo configures it: go-redis's own retries,
			// and ContextTimeoutEnabled.
			client := redis.NewClient(&redis.Options{Addr: e.proxy.Listen, ContextTimeoutEnabled: true})
			t.Cleanup(func() { client.Close() })
			rd := errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: discard})
			ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
			build := func(fp ratelimit.FailurePolicy, prefix string) (http.Handler, *ratelimit.Limiter) {
				s, err := redisstore.New(redisstore.Options{Client: client, Prefix: prefix, Timeout: timeout})
				if err != nil {
					t.Fatal(err)
				}
				l := newLimiter(t, ratelimit.Options{Renderer: rd, Store: s, FailurePolicy: fp, Logger: discard,
					Policies: []ratelimit.Policy{{Name: "p", Rate: 100, Burst: 1000}}})
				return l.Handler(ok), l
			}
			closed, _ := build(ratelimit.FailClosed, "test:fault:closed:")
			open, openL := build(ratelimit.FailOpen, "test:fault:open:")
			get := func(h http.Handler) (*httptest.ResponseRecorder, time.Duration) {
				rec := httptest.NewRecorder()
				start := time.Now()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
				return rec, time.Since(start)
			}
			for _, h := range []http.Handler{closed, open} {
				if rec, _ := get(h); rec.Code != 200 {
					t.Fatalf("before the fault: %d", rec.Code)
				}
			}

			c.inject(t, e)
			var slowest time.Duration
			for i := range 5 {
				rec, took := get(closed)
				slowest = max(slowest, took)
				before := openL.FailOpens()
				orec, otook := get(open)
				slowest = max(slowest, otook)
				failedOpen := openL.FailOpens() - before
				switch {
				case orec.Code != 200:
					t.Fatalf("decision %d, fail open: %d", i, orec.Code)
				case c.fails && (rec.Code != 503 || rec.Header().Get("Retry-After") != "1" || failedOpen != 1):
					t.Fatalf("decision %d during the fault: fail closed %d (Retry-After %q), fail open failed open %d times; want 503, 1, once",
						i, rec.Code, rec.Header().Get("Retry-After"), failedOpen)
				case !c.fails && (rec.Code != 200 || failedOpen != 0):
					t.Fatalf("decision %d during the fault: fail closed %d, fail open failed open %d times; want 200 and none", i, rec.Code, failedOpen)
				}
			}
			// The bound leaves room for a loaded machine.
			if slowest > timeout+time.Second {
				t.Fatalf("a decision took %v during the fault", slowest)
			}
			t.Logf("%s: slowest decision during the fault: %v", c.name, slowest)

			c.heal(t, e)
			var code int
			for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
				before := openL.FailOpens()
				rec, _ := get(closed)
				orec, _ := get(open)
				if code = rec.Code; code == 200 && orec.Code == 200 && openL.FailOpens() == before {
					return
				}
			}
			t.Fatalf("no recovery within 5 s of healing: fail closed answers %d", code)
		})
	}
}
