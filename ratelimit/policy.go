package ratelimit

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"time"

	"github.com/dunglas/httpsfv"
	"golang.org/x/time/rate"
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
	// Burst is the bucket's capacity, 1 to 999 999 999 999 999 (the largest
	// q a RateLimit-Policy field can carry): how many requests of cost 1
	// may arrive at once.
	Burst int

	// Set by New on its own copy, so the request path computes nothing
	// twice.
	interval int64 // Interval in nanoseconds
	window   int64 // Window
}

// Interval is the time one token takes to refill: 1/Rate rounded to the
// nearest nanosecond, at least 1 ns. Stores do all bucket arithmetic in
// multiples of it, so costs, capacity and remaining tokens agree exactly.
func (p Policy) Interval() time.Duration { return time.Duration(p.iv()) }

// Tolerance is the refill time of a whole bucket, Burst × Interval: a
// bucket's debt never exceeds it.
func (p Policy) Tolerance() time.Duration { return time.Duration(p.tol()) }

// iv is Interval in nanoseconds without copying the policy, from the cache
// New fills.
func (p *Policy) iv() int64 {
	if p.interval != 0 {
		return p.interval
	}
	return max(int64(math.Round(1e9/float64(p.Rate))), 1)
}

func (p *Policy) tol() int64 { return int64(p.Burst) * p.iv() }

// win is Window without copying the policy, from the cache New fills.
func (p *Policy) win() int64 {
	if p.window != 0 {
		return p.window
	}
	return max((p.tol()+int64(time.Second)-1)/int64(time.Second), 1)
}

// prepared returns p with its derived values cached.
func (p Policy) prepared() Policy {
	p.interval = p.iv()
	p.window = p.win()
	return p
}

// remaining is Remaining without copying the policy.
func (p *Policy) remaining(debt time.Duration) int64 {
	iv := p.iv()
	return min(max((int64(p.Burst)*iv-int64(debt))/iv, 0), int64(p.Burst))
}

// Window is the w of RateLimit-Policy: the whole seconds, rounded up, that
// an empty bucket takes to refill completely, at least 1.
func (p Policy) Window() int64 { return p.win() }

// Remaining returns the whole tokens a bucket with the given debt holds: a
// request of cost ≤ Remaining would pass.
func (p Policy) Remaining(debt time.Duration) int64 { return p.remaining(debt) }

// ratioSeconds returns ceil(r × w / (k × q)) for this policy's q and w,
// exactly (128-bit), at most maxQuota: the least t for which a RateLimit
// item's r/t stays within k times the policy's q/w.
func (p *Policy) ratioSeconds(r, k int64) int64 {
	d := uint64(k) * uint64(p.Burst)
	hi, lo := bits.Mul64(uint64(r), uint64(p.win()))
	lo, carry := bits.Add64(lo, d-1, 0)
	hi += carry
	if hi >= d {
		return maxQuota
	}
	q, _ := bits.Div64(hi, lo, d)
	return int64(min(q, uint64(maxQuota)))
}

// maxTolerance keeps debts far from int64 overflow (about 73 years).
const maxTolerance = math.MaxInt64 / 4

// validate reports why p cannot be used, or nil; field names the policy in
// the message, e.g. "Policies[1]".
func (p Policy) validate(field string) error {
	switch {
	case p.Name == "":
		return fmt.Errorf("ratelimit: %s.Name: empty", field)
	case !validName(p.Name):
		return fmt.Errorf("ratelimit: %s.Name: %q is not printable ASCII", field, p.Name)
	case !(p.Rate > 0) || p.Rate >= rate.Inf || math.IsInf(float64(p.Rate), 0):
		return fmt.Errorf("ratelimit: %s.Rate: policy %q: must be positive and finite", field, p.Name)
	case p.Burst < 1 || int64(p.Burst) > maxQuota:
		return fmt.Errorf("ratelimit: %s.Burst: policy %q: must be 1–%d", field, p.Name, maxQuota)
	case float64(p.Burst)*1e9/float64(p.Rate) > maxTolerance || p.Window() > maxQuota:
		return fmt.Errorf("ratelimit: %s.Rate: policy %q: refilling the bucket takes too long", field, p.Name)
	}
	return nil
}

// validName reports whether name can be an sf-string (RFC 9651 §3.3.3).
func validName(name string) bool {
	_, err := httpsfv.Marshal(httpsfv.NewItem(name))
	return err == nil
}

// errNoPolicy is the error of Options without policies.
var errNoPolicy = errors.New("ratelimit: Policies: none given")
