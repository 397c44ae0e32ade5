package bench

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/didip/tollbooth/v7"
	tblimiter "github.com/didip/tollbooth/v7/limiter"
	"github.com/go-chi/httprate"
	"github.com/sethvargo/go-limiter/httplimit"
	"github.com/sethvargo/go-limiter/memorystore"
	ulule "github.com/ulule/limiter/v3"
	ululestdlib "github.com/ulule/limiter/v3/drivers/middleware/stdlib"
	ululememory "github.com/ulule/limiter/v3/drivers/store/memory"
	"golang.org/x/time/rate"

	"github.com/fourxx/fourxx/ratelimit"
)

// A limit is what every contender is asked to enforce per client IP: a token
// bucket refilling perSecond tokens a second that holds burst tokens (peers
// with fixed or sliding windows get the nearest equivalent: burst requests
// per burst/perSecond seconds).
type limit struct {
	perSecond float64
	burst     int
}

var (
	// generous never rejects during a benchmark.
	generous = limit{perSecond: 1e9, burst: 1e9}
	// strict admits one request a minute.
	strict = limit{perSecond: 1.0 / 60, burst: 1}
)

func (l limit) window() time.Duration {
	return time.Duration(float64(l.burst) / l.perSecond * float64(time.Second))
}

// A contender builds a per-IP rate limiting middleware around next; close
// releases its background work.
type contender struct {
	name  string
	build func(l limit, next http.Handler) (h http.Handler, close func())
}

var contenders = []contender{
	{"fourxx", buildFourxx},
	{"naive-map", buildNaive},
	{"httprate", func(l limit, next http.Handler) (http.Handler, func()) {
		return httprate.LimitByIP(l.burst, l.window())(next), func() {}
	}},
	{"ulule", func(l limit, next http.Handler) (http.Handler, func()) {
		lim := ulule.New(ululememory.NewStore(), ulule.Rate{Period: l.window(), Limit: int64(l.burst)})
		return ululestdlib.NewMiddleware(lim).Handler(next), func() {}
	}},
	{"tollbooth", func(l limit, next http.Handler) (http.Handler, func()) {
		lmt := tollbooth.NewLimiter(l.perSecond, &tblimiter.ExpirableOptions{DefaultExpirationTTL: time.Hour})
		lmt.SetBurst(l.burst)
		lmt.SetIPLookups([]string{"RemoteAddr"})
		return tollbooth.LimitHandler(lmt, next), func() {}
	}},
	{"sethvargo", func(l limit, next http.Handler) (http.Handler, func()) {
		// This store refills by whole windows: a one-second window of 1e9
		// tokens runs dry within a benchmark, so the generous limit gets
		// an hour (1e9 requests an hour never run out either).
		interval := l.window()
		if l == generous {
			interval = time.Hour
		}
		store, err := memorystore.New(&memorystore.Config{Tokens: uint64(l.burst), Interval: interval})
		if err != nil {
			panic(err)
		}
		mw, err := httplimit.NewMiddleware(store, httplimit.IPKeyFunc())
		if err != nil {
			panic(err)
		}
		return mw.Handle(next), func() { _ = store.Close(context.Background()) }
	}},
}

func buildFourxx(l limit, next http.Handler) (http.Handler, func()) {
	lim := newFourxxLimiter(ratelimit.Options{
		Policies: []ratelimit.Policy{{Name: "default", Rate: rate.Limit(l.perSecond), Burst: l.burst}},
	})
	return lim.Handler(next), func() {}
}

// naiveLimiter is what a team writes in ten lines: a locked map of
// x/time/rate limiters keyed by the peer's IP, answering 429 in plain text.
type naiveLimiter struct {
	mu       sync.Mutex
	limiters map[string]*rate.Limiter
	l        limit
	next     http.Handler
}

func buildNaive(l limit, next http.Handler) (http.Handler, func()) {
	return &naiveLimiter{limiters: make(map[string]*rate.Limiter), l: l, next: next}, func() {}
}

func (n *naiveLimiter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	n.mu.Lock()
	lim, found := n.limiters[ip]
	if !found {
		lim = rate.NewLimiter(rate.Limit(n.l.perSecond), n.l.burst)
		n.limiters[ip] = lim
	}
	allowed := lim.Allow()
	n.mu.Unlock()
	if !allowed {
		http.Error(w, http.StatusText(http.StatusTooManyRequests), http.StatusTooManyRequests)
		return
	}
	n.next.ServeHTTP(w, r)
}
