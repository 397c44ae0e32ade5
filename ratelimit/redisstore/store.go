package redisstore

import (
	"context"
	"errors"
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
	// ShedKeys caps the refused keys remembered for shedding (about 200
	// bytes each); 0 means DefaultShedKeys. Past it, the oldest-looking of
	// a few entries is forgotten, which costs that key one round trip.
	ShedKeys int
}

// A Store keeps the buckets of one Limiter in Redis. It is safe for
// concurrent use.
type Store struct {
	client  redis.UniversalClient
	prefix  string
	timeout time.Duration
	slots   slotMap
	shed    *shedder // nil with Options.NoShedding
}

// New returns a Store for opts. It does not contact Redis.
func New(opts Options) (*Store, error) {
	if opts.Client == nil {
		return nil, errors.New("redisstore: no client")
	}
	if opts.Prefix == "" {
		return nil, errors.New("redisstore: a key prefix per limiter is required")
	}
	s := &Store{client: opts.Client, prefix: opts.Prefix, timeout: opts.Timeout}
	if s.timeout <= 0 {
		s.timeout = DefaultTimeout
	}
	s.slots.client, _ = opts.Client.(*redis.ClusterClient)
	if !opts.NoShedding {
		keys := opts.ShedKeys
		if keys <= 0 {
			keys = DefaultShedKeys
		}
		s.shed = newShedder(keys)
	}
	return s, nil
}

// Key returns the Redis key holding the buckets of a client key.
func (s *Store) Key(key string) string { return s.prefix + key }

// Take implements ratelimit.Store with one script call. The call keeps the
// values of ctx but not its cancellation: a client that disconnects or
// half-closes its connection cancels its request's context, and that is no
// failure of the store, so the decision is still made. Take returns within
// Options.Timeout even when the client ignores context deadlines, as go-redis
// does for reads and writes unless ContextTimeoutEnabled is set: the call
// then ends in the background, bounded by the client's own timeouts, and its
// result is dropped.
func (s *Store) Take(ctx context.Context, key string, cost int, policies []ratelimit.Policy, states []ratelimit.BucketState) error {
	var sent time.Time
	if s.shed != nil {
		if sent = time.Now(); s.shed.answer(key, cost, sent, states) {
			return nil
		}
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.timeout)
	defer cancel()
	args := make([]any, 1, 1+3*len(policies))
	args[0] = cost
	for _, p := range policies {
		args = append(args, p.Name, micros(p.Interval()), micros(p.Tolerance()))
	}
	var res []int64
	var callErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		res, callErr = takeScript.Run(ctx, s.client, []string{s.Key(key)}, args...).Int64Slice()
	}()
	var err error
	select {
	case <-done:
		err = callErr
	case <-ctx.Done():
		err = ctx.Err() // the call's goroutine owns res and callErr
	}
	if err != nil {
		s.slots.failed()
		return fmt.Errorf("redisstore: %w", err)
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
