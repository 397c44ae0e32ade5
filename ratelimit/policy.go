package ratelimit

import (
	"errors"
	"fmt"
	"math"
	"time"

	"golang.org/x/time/rate"

	"github.com/fourxx/fourxx/internal/sfv"
)

// A Policy is one named token bucket, with the semantics of rate.Limiter: it
// holds at most Burst tokens, starts full, and gains Rate tokens per second.
// A request of cost n passes when the bucket holds at least n tokens, and
// then takes them.
type Policy struct {
	// Name identifies the policy in the RateLimit and RateLimit-Policy
	// fields and in violated_policies. It must be non-empty printable ASCII
	// and unique within a Limiter.
	Name string
	// Rate is the refill rate in tokens per second; it must be positive and
	// finite (a bucket that never refills cannot give a truthful
	// Retry-After). Use rate.Every(24*time.Hour/10000) for "10 000 per day".
	Rate rate.Limit
	// Burst is the bucket's capacity, at least 1: how many requests of cost
	// 1 may arrive at once.
	Burst int

	interval int64 // cached Interval, set by New for its own copy
}

// Interval is the time one token takes to refill, in whole nanoseconds
// (1/Rate rounded to the nearest nanosecond, at least 1). Stores do all
// bucket arithmetic in multiples of it, so costs, capacity and remaining
// tokens agree exactly.
func (p Policy) Interval() int64 { return p.iv() }

// Tolerance is the refill time of a whole bucket, Burst × Interval
// nanoseconds: a bucket's debt never exceeds it.
func (p Policy) Tolerance() int64 { return p.tol() }

// CostNanos is the refill time of n tokens, n × Interval nanoseconds.
func (p Policy) CostNanos(n int) int64 { return int64(n) * p.iv() }

// iv is Interval without copying the policy, from the cache New fills.
func (p *Policy) iv() int64 {
	if p.interval != 0 {
		return p.interval
	}
	return max(int64(math.Round(1e9/float64(p.Rate))), 1)
}

func (p *Policy) tol() int64 { return int64(p.Burst) * p.iv() }

// remaining is Remaining without copying the policy.
func (p *Policy) remaining(debt time.Duration) int64 {
	iv := p.iv()
	return min(max((int64(p.Burst)*iv-int64(debt))/iv, 0), int64(p.Burst))
}

// Window is the w of RateLimit-Policy: the whole seconds, rounded up, that
// an empty bucket takes to refill completely, at least 1.
func (p Policy) Window() int64 {
	return max((p.Tolerance()+int64(time.Second)-1)/int64(time.Second), 1)
}

// Remaining returns the whole tokens a bucket with the given debt holds: a
// request of cost ≤ Remaining would pass.
func (p Policy) Remaining(debt time.Duration) int64 { return p.remaining(debt) }

// maxTolerance keeps debts far from int64 overflow (about 73 years).
const maxTolerance = math.MaxInt64 / 4

// validate reports why p cannot be used, or nil.
func (p Policy) validate() error {
	switch {
	case p.Name == "":
		return errors.New("ratelimit: policy without a name")
	case !sfv.ValidString(p.Name):
		return fmt.Errorf("ratelimit: policy name %q must be printable ASCII", p.Name)
	case !(p.Rate > 0) || p.Rate >= rate.Inf || math.IsInf(float64(p.Rate), 0):
		return fmt.Errorf("ratelimit: policy %q: rate must be positive and finite", p.Name)
	case p.Burst < 1:
		return fmt.Errorf("ratelimit: policy %q: burst must be at least 1", p.Name)
	case float64(p.Burst)*1e9/float64(p.Rate) > maxTolerance || p.Window() > sfv.MaxInteger:
		return fmt.Errorf("ratelimit: policy %q: refilling the bucket takes too long", p.Name)
	}
	return nil
}
