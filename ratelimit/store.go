package ratelimit

import (
	"context"
	"errors"
	"strconv"
	"time"
)

// A Store keeps the token buckets of one Limiter. Give every Limiter its own
// Store (for Redis, its own key prefix): limiters that share buckets eat each
// other's quota.
type Store interface {
	// Take decides a request of the given cost for key under every policy,
	// atomically: if each policy's bucket holds cost tokens, it takes them
	// from all; otherwise it takes nothing. states[i] receives the outcome
	// for policies[i] (len(states) == len(policies)). The caller guarantees
	// 0 ≤ cost ≤ every Burst and valid policies. An error means no decision
	// was made; the Limiter then applies its FailurePolicy, except for an
	// error matching ErrFull.
	Take(ctx context.Context, key string, cost int, policies []Policy, states []BucketState) error
}

// A PolicyValidator is a [Store] that can hold only some sets of policies,
// such as a [MemoryStore] whose cap is too small for one client's buckets.
// [Options.Validate] and [New] call ValidatePolicies with the policies of
// the Limiter the store is given to, so a store that could never decide a
// request is refused at start-up, not with every request.
type PolicyValidator interface {
	// ValidatePolicies reports why the store cannot hold policies, or nil.
	ValidatePolicies(policies []Policy) error
}

// BucketState is one policy's bucket as a Store saw it.
type BucketState struct {
	// Debt is how long the bucket needs to refill completely: zero for a
	// full bucket. After an admitted request it includes that request's
	// cost; after a rejection it is the unchanged state.
	Debt time.Duration
	// Wait is zero when this policy admits the request, otherwise the time
	// until it would.
	Wait time.Duration
}

// ErrFull matches (errors.Is) the error of a store that has reached its cap
// on tracked keys and has no full bucket it could forget.
var ErrFull = errors.New("ratelimit: store is tracking its maximum number of keys")

// A FullError is returned by a store at its cap. The Limiter answers 503
// Service Unavailable with Retry-After whatever its FailurePolicy: serving
// untracked clients would let a flood of new keys bypass every limit.
type FullError struct {
	// RetryAfter is when a tracked bucket may next be full again, and so
	// forgettable.
	RetryAfter time.Duration
}

// Error says the store is full and when to retry, in milliseconds.
func (e *FullError) Error() string {
	return ErrFull.Error() + "; retry in " + strconv.FormatInt(int64(e.RetryAfter/time.Millisecond), 10) + " ms"
}

// Is makes errors.Is(err, ErrFull) true.
func (e *FullError) Is(target error) bool { return target == ErrFull }
