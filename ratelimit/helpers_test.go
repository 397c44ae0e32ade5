package ratelimit_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/ratelimit"
)

// fakeClock is an injectable clock for MemoryOptions.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock { return &fakeClock{t: time.Unix(1_700_000_000, 0)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var strict = errorsx.NewRenderer(errorsx.Options{Strict: true})

var okHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })

// newLimited returns a handler limited by opts with a strict renderer and a
// memory store on clock.
func newLimited(t testing.TB, clock *fakeClock, opts ratelimit.Options) (http.Handler, *ratelimit.Limiter) {
	t.Helper()
	if opts.Renderer == nil {
		opts.Renderer = strict
	}
	if opts.Store == nil {
		opts.Store = ratelimit.NewMemoryStore(ratelimit.MemoryOptions{Now: clock.Now})
	}
	l := ratelimit.New(opts)
	return l.Handler(okHandler), l
}

// do sends one GET from addr and returns the recorded response.
func do(h http.Handler, addr string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, "/x", nil)
	req.RemoteAddr = addr
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
