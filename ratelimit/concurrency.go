package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/dunglas/httpsfv"

	"github.com/fourxx/fourxx/errorsx"
)

// A ConcurrencyPolicy bounds how many requests of one key may be in flight
// at once, as Stripe's concurrent request limiter does for slow or
// expensive routes: a request takes a slot when the Limiter admits it and
// gives it back when the handler returns, even by panicking. A request
// that finds every slot taken is refused with Status and Retry-After. It
// is enforced together with the token-bucket Policies of its Limiter,
// after them: a request refused by a bucket takes no slot, and one refused
// for want of a slot has spent its tokens. Under FailOpen a request the
// Limiter cannot decide is served without either limit.
type ConcurrencyPolicy struct {
	// Name identifies the policy in RateLimit-Policy, RateLimit and
	// violated_policies, like a Policy's name, and differs from theirs.
	Name string
	// Limit is how many requests of one key may be in flight, at least 1.
	Limit int
	// Lease bounds how long a slot outlives an instance that stopped
	// renewing it (a crash), in stores shared between instances; the holder
	// renews it while its handler runs. 0 means DefaultLease.
	Lease time.Duration
	// RetryAfter is the Retry-After of a refusal, at least a second once
	// rounded up; 0 means DefaultConcurrencyRetryAfter.
	RetryAfter time.Duration
	// Status of a refusal: http.StatusTooManyRequests (the default, for 0)
	// or http.StatusServiceUnavailable, which the renderer logs as the
	// server error it declares.
	Status int
	// Store counts the requests in flight; nil means a new
	// MemoryConcurrencyStore, private to the Limiter.
	Store ConcurrencyStore
}

// DefaultLease is a ConcurrencyPolicy's Lease when it is zero.
const DefaultLease = 30 * time.Second

// DefaultConcurrencyRetryAfter is a ConcurrencyPolicy's RetryAfter when it
// is zero.
const DefaultConcurrencyRetryAfter = time.Second

// A ConcurrencyStore counts the requests in flight per key for a
// ConcurrencyPolicy. Give every Limiter its own store (for Redis, its own
// key prefix).
type ConcurrencyStore interface {
	// Acquire takes one of limit slots for key and returns the function
	// that gives it back (the caller calls it exactly once) and the number
	// of slots of key now in use, including this one. When all limit slots
	// are taken it returns a nil release and limit. A slot not given back
	// is held for at most lease after its holder stops renewing it. An
	// error means no decision was made; the Limiter then applies its
	// FailurePolicy.
	Acquire(ctx context.Context, key string, limit int, lease time.Duration) (release func(), inUse int, err error)
}

// concurrency is a Limiter's prepared ConcurrencyPolicy.
type concurrency struct {
	policy  ConcurrencyPolicy
	item    string           // RateLimit-Policy member
	member  string           // start of a RateLimit member: name + ";r="
	fields  []string         // RateLimit member per number of free slots
	refusal *errorsx.Problem // prepared answer when every slot is taken
}

// maxQuota is the largest q an sf-integer can carry (RFC 9651 §3.3.1).
const maxQuota int64 = 999_999_999_999_999

// validate reports why p cannot be used beside the token-bucket policies,
// or nil. The error reads "ratelimit: Concurrency.<Field>: <why>".
func (p *ConcurrencyPolicy) validate(policies []Policy) error {
	switch {
	case p.Name == "":
		return errors.New("ratelimit: Concurrency.Name: empty")
	case !validName(p.Name):
		return fmt.Errorf("ratelimit: Concurrency.Name: %q is not printable ASCII", p.Name)
	case p.Limit < 1 || int64(p.Limit) > maxQuota:
		return fmt.Errorf("ratelimit: Concurrency.Limit: policy %q: must be 1–%d", p.Name, maxQuota)
	case p.Lease < 0:
		return fmt.Errorf("ratelimit: Concurrency.Lease: policy %q: negative", p.Name)
	case p.RetryAfter < 0:
		return fmt.Errorf("ratelimit: Concurrency.RetryAfter: policy %q: negative", p.Name)
	case p.Status != 0 && p.Status != http.StatusTooManyRequests && p.Status != http.StatusServiceUnavailable:
		return fmt.Errorf("ratelimit: Concurrency.Status: policy %q: %d is neither 429 nor 503", p.Name, p.Status)
	}
	for _, q := range policies {
		if q.Name == p.Name {
			return fmt.Errorf("ratelimit: Concurrency.Name: two policies named %q", p.Name)
		}
	}
	return nil
}

// newConcurrency validates p and prepares its fields and refusal; a nil p
// gives a nil *concurrency.
func newConcurrency(p *ConcurrencyPolicy, policies []Policy) (*concurrency, error) {
	if p == nil {
		return nil, nil
	}
	if err := p.validate(policies); err != nil {
		return nil, err
	}
	c := &concurrency{policy: *p}
	cp := &c.policy
	name, err := httpsfv.Marshal(httpsfv.NewItem(cp.Name))
	if err != nil {
		return nil, err
	}
	if cp.Lease == 0 {
		cp.Lease = DefaultLease
	}
	if cp.RetryAfter == 0 {
		cp.RetryAfter = DefaultConcurrencyRetryAfter
	}
	if cp.Store == nil {
		cp.Store = NewMemoryConcurrencyStore()
	}
	item := httpsfv.NewItem(cp.Name)
	item.Params.Add("q", int64(cp.Limit))
	item.Params.Add("qu", "concurrent-requests")
	if c.item, err = httpsfv.Marshal(httpsfv.List{item}); err != nil {
		return nil, err
	}
	c.member = name + ";r="
	c.fields = make([]string, min(cp.Limit, maxPreparedSlots)+1)
	for free := range c.fields {
		c.fields[free] = c.member + strconv.Itoa(free)
	}
	secs := errorsx.DelaySeconds(cp.RetryAfter)
	detail := "Too many requests in flight under concurrency policy " + name + " (at most " + strconv.Itoa(cp.Limit) +
		"); retry in " + strconv.FormatInt(secs, 10) + " s."
	if cp.Status == http.StatusServiceUnavailable {
		c.refusal = errorsx.ServiceUnavailable(cp.RetryAfter, errConcurrencyFull).WithPublicDetail(detail)
	} else {
		c.refusal = errorsx.TooManyRequests(cp.RetryAfter, detail)
	}
	c.refusal = c.refusal.With("violated_policies", []string{cp.Name})
	c.refusal.Header[hdrRateLimit] = []string{c.member + "0;t=" + strconv.FormatInt(secs, 10)}
	return c, nil
}

// maxPreparedSlots bounds the RateLimit members prepared per free-slot count.
const maxPreparedSlots = 1024

// errConcurrencyFull is the logged cause of a 503 refusal.
var errConcurrencyFull = errors.New("ratelimit: every slot of a concurrency policy is in use")

// field is the RateLimit member for free slots.
func (c *concurrency) field(free int) string {
	if free < len(c.fields) {
		return c.fields[free]
	}
	return c.member + strconv.Itoa(free)
}

// limitConcurrency returns next bounded by the Limiter's ConcurrencyPolicy,
// or next itself without one. The key is computed again (the Limiter
// computed it for the buckets); a store error follows the FailurePolicy.
func (l *Limiter) limitConcurrency(next http.Handler) http.Handler {
	c := l.conc
	if c == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key, err := l.key(r)
		if err == nil && key == "" {
			err = ErrNoKey
		}
		var release func()
		var inUse int
		if err == nil {
			release, inUse, err = c.policy.Store.Acquire(r.Context(), key, c.policy.Limit, c.policy.Lease)
		}
		if err != nil {
			if l.undecided(w, r, err) {
				next.ServeHTTP(w, r)
			}
			return
		}
		if release == nil {
			l.renderer.Write(w, r, c.refusal)
			return
		}
		defer release()
		if !l.opts.HideRemaining {
			h := w.Header()
			v := h[hdrRateLimit]
			h[hdrRateLimit] = append(v[:len(v):len(v)], c.field(c.policy.Limit-inUse))
		}
		next.ServeHTTP(w, r)
	})
}
