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
}

// Interval is the time one token takes to refill, in nanoseconds.
func (p Policy) Interval() float64 { return 1e9 / float64(p.Rate) }

// Tolerance is the refill time of a whole bucket, in nanoseconds: a
// bucket's debt may never exceed it.
func (p Policy) Tolerance() int64 { return int64(float64(p.Burst) * p.Interval()) }

// CostNanos is the refill time of n tokens, in nanoseconds, rounded up.
func (p Policy) CostNanos(n int) int64 { return int64(math.Ceil(float64(n) * p.Interval())) }

// Window is the w of RateLimit-Policy: the seconds an empty bucket takes to
// refill completely, ceil(Burst/Rate), at least 1.
func (p Policy) Window() int64 {
	return max(int64(math.Ceil(float64(p.Burst)/float64(p.Rate))), 1)
}

// Remaining returns the whole tokens a bucket with the given debt holds,
// using the same rounding as the stores' admission test, so a request of
// cost ≤ Remaining would pass.
func (p Policy) Remaining(debt time.Duration) int64 {
	d, tau := int64(debt), p.Tolerance()
	if d >= tau {
		return 0
	}
	k := int64(float64(tau-d) / p.Interval())
	for k > 0 && d+p.CostNanos(int(k)) > tau {
		k--
	}
	for k < int64(p.Burst) && d+p.CostNanos(int(k+1)) <= tau {
		k++
	}
	return k
}

// maxTolerance keeps debts far from int64 overflow (about 73 years).
const maxTolerance = math.MaxInt64 / 4

// validate reports why p cannot be used, or nil.
func (p Policy) validate() error {
	switch {
	case p.Name == "":
		return errors.New("ratelimit: policy without a name")
	case !sfv.ValidString(p.Name):
		return fmt.Errorf("ratelimit: policy name %q must be printable ASCII", p.Name)
	case !(p.Rate > 0) || math.IsInf(float64(p.Rate), 0):
		return fmt.Errorf("ratelimit: policy %q: rate must be positive and finite", p.Name)
	case p.Burst < 1:
		return fmt.Errorf("ratelimit: policy %q: burst must be at least 1", p.Name)
	case float64(p.Burst)*p.Interval() > maxTolerance || p.Window() > sfv.MaxInteger:
		return fmt.Errorf("ratelimit: policy %q: refilling the bucket takes too long", p.Name)
	}
	return nil
}
