package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/dunglas/httpsfv"

	"github.com/fourxx/fourxx/errorsx"
)

// A Limiter is the rate-limiting middleware. Build it with [New]; it is safe
// for concurrent use.
type Limiter struct {
	opts      Options
	renderer  *errorsx.Renderer // nil: errorsx.Default() when writing
	key       KeyFunc
	store     Store
	memory    *MemoryStore // store, when it is one: called directly (see decide)
	minBurst  int
	policies  []Policy
	names     []string     // sf-string form of each policy name
	fields    *fieldCache  // prepared RateLimit lines; nil unless one policy
	rejects   *rejectCache // prepared 429 problems
	policyHdr []string     // RateLimit-Policy value, constant and shared: len == cap (see fieldLine)
	legacyLim []string     // X-RateLimit-Limit value per policy
	states    sync.Pool
	failOpens atomic.Uint64
	conc      *concurrency // Options.Concurrency, prepared (concurrency.go)
}

// Canonical header keys, assigned directly to avoid canonicalisation work.
const (
	hdrPolicy      = "Ratelimit-Policy"
	hdrRateLimit   = "Ratelimit"
	hdrLegacyLimit = "X-Ratelimit-Limit"
	hdrLegacyLeft  = "X-Ratelimit-Remaining"
	hdrLegacyReset = "X-Ratelimit-Reset"
)

// New returns a Limiter for opts. It panics when [Options.Validate]
// reports an error, as http.ServeMux.Handle does for a bad pattern: a
// Limiter built from invalid Options could not decide any request.
func New(opts Options) *Limiter {
	if err := opts.Validate(); err != nil {
		panic(err)
	}
	l := &Limiter{opts: opts, renderer: opts.Renderer, key: opts.Key, store: opts.Store}
	if l.key == nil {
		l.key = ByIP(IPOptions{})
	}
	if l.store == nil {
		l.store = NewMemoryStore(MemoryOptions{})
	}
	l.memory, _ = l.store.(*MemoryStore)
	if l.opts.FailureRetryAfter <= 0 {
		l.opts.FailureRetryAfter = DefaultFailureRetryAfter
	}
	l.policies = make([]Policy, len(opts.Policies))
	list := make(httpsfv.List, len(opts.Policies))
	for i, p := range opts.Policies {
		p = p.prepared()
		l.policies[i] = p
		if i == 0 || p.Burst < l.minBurst {
			l.minBurst = p.Burst
		}
		l.names = append(l.names, mustMarshal(httpsfv.NewItem(p.Name)))
		l.legacyLim = append(l.legacyLim, strconv.Itoa(p.Burst))
		item := httpsfv.NewItem(p.Name)
		item.Params.Add("q", int64(p.Burst))
		item.Params.Add("w", p.Window())
		list[i] = item
	}
	l.policyHdr = []string{mustMarshal(list)}
	conc, err := newConcurrency(opts.Concurrency, l.policies)
	if err != nil {
		panic(err) // Validate checked the policy: only an encoding failure is left
	}
	if l.conc = conc; conc != nil {
		l.policyHdr[0] += ", " + conc.item
	}
	if len(l.policies) == 1 {
		l.fields = newFieldCache(l.names[0], &l.policies[0])
	}
	l.rejects = newRejectCache(l.policies)
	n := len(l.policies)
	l.states.New = func() any { s := make([]BucketState, n); return &s }
	return l
}

// mustMarshal serializes a structured field value that Validate has
// checked can be serialized.
func mustMarshal(v httpsfv.StructuredFieldValue) string {
	s, err := httpsfv.Marshal(v)
	if err != nil {
		panic("ratelimit: " + err.Error())
	}
	return s
}

// FailOpens returns how many requests were served unlimited under FailOpen.
func (l *Limiter) FailOpens() uint64 { return l.failOpens.Load() }

// Handler returns next wrapped by the limiter.
func (l *Limiter) Handler(next http.Handler) http.Handler {
	limited := l.limitConcurrency(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if l.opts.Skip != nil && l.opts.Skip(r) {
			next.ServeHTTP(w, r)
			return
		}
		switch l.decide(w, r) {
		case admitted:
			limited.ServeHTTP(w, r)
		case unlimited:
			next.ServeHTTP(w, r)
		}
	})
}

// A verdict is what [Limiter.decide] made of a request.
type verdict int

const (
	answered  verdict = iota // refused (429, 503) or dropped: nothing to serve
	admitted                 // within every policy: served, within the concurrency limit
	unlimited                // not decided and let through by FailOpen: served without limits
)

// decide applies the policies to r. Unless r is admitted or let through
// unlimited, the answer — 429, 503, or nothing for a client that went
// away — is written.
func (l *Limiter) decide(w http.ResponseWriter, r *http.Request) verdict {
	h := w.Header()
	// Nothing to add to: the fields are assigned, not merged. Only this
	// limiter writes h before its RateLimit field (writeFields).
	fresh := len(h) == 0
	if fresh {
		h[hdrPolicy] = l.policyHdr
	} else {
		addField(h, hdrPolicy, l.policyHdr)
	}
	key, err := l.key(r)
	if err == nil && key == "" {
		err = ErrNoKey
	}
	if err != nil {
		return l.failVerdict(w, r, err)
	}
	cost := 1
	if l.opts.Cost != nil {
		cost = l.opts.Cost(r)
	}
	if cost < 0 || cost > l.minBurst {
		l.renderer.Write(w, r, errorsx.InternalServerError(fmt.Errorf("ratelimit: request cost %d outside 0–%d (the smallest burst)", cost, l.minBurst)))
		return answered
	}
	if l.memory != nil && len(l.policies) <= maxPolicies {
		// Called on the concrete type, Take keeps no reference to states,
		// which then lives on the stack instead of in the pool.
		var buf [maxPolicies]BucketState
		states := buf[:len(l.policies)]
		if err := l.memory.Take(r.Context(), key, cost, l.policies, states); err != nil {
			return l.failVerdict(w, r, err)
		}
		return l.judged(w, r, h, states, fresh)
	}
	sp := l.states.Get().(*[]BucketState)
	states := *sp
	if err := l.store.Take(r.Context(), key, cost, l.policies, states); err != nil {
		l.states.Put(sp)
		return l.failVerdict(w, r, err)
	}
	v := l.judged(w, r, h, states, fresh)
	l.states.Put(sp)
	return v
}

// judged answers a request whose buckets the store decided into states:
// the fields of an admitted one, or the refusal. h is w's header map; fresh
// says that it held no fields before the limiter's own.
func (l *Limiter) judged(w http.ResponseWriter, r *http.Request, h http.Header, states []BucketState, fresh bool) verdict {
	if maxWait(states) == 0 {
		l.writeFields(h, states, fresh)
		return admitted
	}
	l.reject(w, r, states)
	return answered
}

// failVerdict is decide's verdict on a request whose key or decision
// failed (see undecided).
func (l *Limiter) failVerdict(w http.ResponseWriter, r *http.Request, err error) verdict {
	if l.undecided(w, r, err) {
		return unlimited
	}
	return answered
}

// undecided answers a request whose key or decision failed and reports
// whether it may be served: a client that went away gets nothing, a full
// store (any error matching ErrFull) 503 whatever the failure policy, with
// its FullError's Retry-After if it has one, any other error the failure
// policy.
func (l *Limiter) undecided(w http.ResponseWriter, r *http.Request, err error) bool {
	if clientGone(r, err) {
		l.abandon(r, err)
		return false
	}
	if errors.Is(err, ErrFull) {
		retry := l.opts.FailureRetryAfter
		var full *FullError
		if errors.As(err, &full) {
			retry = full.RetryAfter
		}
		l.renderer.Write(w, r, errorsx.ServiceUnavailable(retry, err))
		return false
	}
	return l.fail(w, r, err)
}

// clientGone reports whether err only says that the client cancelled r (it
// closed the connection or the stream) before the store decided: that is
// no failure of the store, and the failure policy does not apply.
func clientGone(r *http.Request, err error) bool {
	return errors.Is(err, context.Canceled) && errors.Is(r.Context().Err(), context.Canceled)
}

// abandon drops a request whose client went away before it was decided:
// nothing is served or written, and the event is logged at Debug.
func (l *Limiter) abandon(r *http.Request, err error) {
	l.logger().LogAttrs(r.Context(), slog.LevelDebug, "fourxx: client went away before the rate limit was decided",
		slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("error", err.Error()))
}

func (l *Limiter) logger() *slog.Logger {
	if l.opts.Logger != nil {
		return l.opts.Logger
	}
	return slog.Default()
}

// fail applies the failure policy to a request that could not be decided
// and reports whether it may be served.
func (l *Limiter) fail(w http.ResponseWriter, r *http.Request, err error) bool {
	if l.opts.FailurePolicy == FailOpen {
		l.failOpens.Add(1)
		l.logger().LogAttrs(r.Context(), slog.LevelWarn, "fourxx: rate limit not applied (fail open)",
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("error", err.Error()))
		return true
	}
	l.renderer.Write(w, r, errorsx.ServiceUnavailable(l.opts.FailureRetryAfter, err))
	return false
}

func maxWait(states []BucketState) (wait int64) {
	for i := range states {
		wait = max(wait, int64(states[i].Wait))
	}
	return wait
}
