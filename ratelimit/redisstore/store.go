package redisstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/fourxx/fourxx/ratelimit"
)

// DefaultTimeout bounds one decision when Options.Timeout is zero.
const DefaultTimeout = 50 * time.Millisecond

// Options configure a [Store].
type Options struct {
	// Client is the Redis connection: standalone, Sentinel (failover) or
	// Cluster. Required.
	Client redis.UniversalClient
	// Prefix starts every key of this limiter, e.g. "myapp:rl:login:".
	// Required, and distinct per Limiter: limiters sharing a prefix eat each
	// other's quota.
	Prefix string
	// Timeout bounds each decision, so a slow or unreachable Redis delays a
	// request by at most this long; 0 means DefaultTimeout.
	Timeout time.Duration
	// NoShedding sends every decision to Redis. By default a key that Redis
	// refused is answered by the Store itself, for requests of the same
	// cost, until the moment Redis would admit one again: the same refusal
	// with the wait counting down, so a flood from one client costs one
	// round trip per Retry-After period per instance. Shedding only ever
	// refuses, so it never admits a request Redis would refuse.
	NoShedding bool
	// ShedKeys caps the refused keys remembered for shedding (about 100
	// bytes each with one policy, plus the key), rounded down to a multiple
	// of 16 and at least 16; 0 means DefaultShedKeys.
	// Past it one is forgotten (an expired one, if any of the few looked at
	// is), which costs that key one round trip.
	ShedKeys int
}

// A Store keeps the buckets of one Limiter in Redis. It is safe for
// concurrent use.
type Store struct {
	conn
	shed *shedder // nil with Options.NoShedding
}

// New returns a Store for opts. It does not contact Redis.
func New(opts Options) (*Store, error) {
	s := &Store{}
	if err := s.init(opts); err != nil {
		return nil, err
	}
	if !opts.NoShedding {
		keys := opts.ShedKeys
		if keys <= 0 {
			keys = DefaultShedKeys
		}
		s.shed = newShedder(keys)
	}
	return s, nil
}

// Take implements ratelimit.Store with one script call, or none for a
// key that shedding answers. The call ignores the cancellation of ctx (a
// client that went away is no failure of the store) and returns within
// Options.Timeout.
func (s *Store) Take(ctx context.Context, key string, cost int, policies []ratelimit.Policy, states []ratelimit.BucketState) error {
	var sent time.Time
	if s.shed != nil {
		if sent = time.Now(); s.shed.answer(key, cost, sent, states) {
			return nil
		}
	}
	args := make([]any, 1, 1+3*len(policies))
	args[0] = cost
	for _, p := range policies {
		args = append(args, p.Name, micros(int64(p.Interval())), micros(int64(p.Tolerance())))
	}
	res, err := s.run(ctx, takeScript, key, args...)
	if err != nil {
		return err
	}
	if len(res) != 1+2*len(policies) {
		return fmt.Errorf("redisstore: script returned %d values for %d policies", len(res), len(policies))
	}
	for i := range states {
		states[i] = ratelimit.BucketState{
			Debt: time.Duration(res[1+2*i]) * time.Microsecond,
			Wait: time.Duration(res[2+2*i]) * time.Microsecond,
		}
	}
	if s.shed != nil && res[0] == 0 {
		s.shed.remember(key, cost, sent, states)
	}
	return nil
}

// micros formats nanoseconds as decimal microseconds for the script.
func micros(ns int64) string {
	s := strconv.FormatInt(ns, 10)
	if len(s) <= 3 {
		return "0." + strings.Repeat("0", 3-len(s)) + s
	}
	return s[:len(s)-3] + "." + s[len(s)-3:]
}

// ShedLen returns how many refused keys the Store remembers for shedding:
// at most Options.ShedKeys, and 0 with NoShedding.
func (s *Store) ShedLen() int {
	if s.shed == nil {
		return 0
	}
	return s.shed.len()
}

// Preload loads the decision script into Redis (into every master of a
// cluster), opening a connection to each, so that the first decisions after
// start-up pay for neither: call it once at start-up, before serving, with
// a deadline in ctx (Options.Timeout does not apply). It is optional, and
// an error only means that the first decisions will load the script
// themselves (Redis unreachable now, for example).
func (s *Store) Preload(ctx context.Context) error { return s.load(ctx, takeScript) }
