package ratelimit

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// FailurePolicy says what a Limiter does when it cannot decide: the key
// function failed or returned no key, or the store failed (Redis down or
// slow). A store error while the request's own context is cancelled (the
// client went away) is not a failure and never follows it: the request is
// dropped without an answer and logged at Debug.
type FailurePolicy int

const (
	// FailClosed, the default, rejects the request with 503 Service
	// Unavailable and Retry-After (Options.FailureRetryAfter). The cause is
	// logged by the renderer.
	FailClosed FailurePolicy = iota
	// FailOpen serves the request without rate limiting and without the
	// RateLimit field (RateLimit-Policy, which is constant, is still sent),
	// logs the cause at Warn and counts it ([Limiter.FailOpens]).
	FailOpen
)

// DefaultFailureRetryAfter is the Retry-After of a fail-closed 503 when
// Options.FailureRetryAfter is zero.
const DefaultFailureRetryAfter = time.Second

// Options configure a [Limiter]. Policies is required; every other zero
// value has a safe default. [New] panics on invalid Options, as the
// programming error they usually are; call [Options.Validate] first when
// they come from flags, the environment or a file.
type Options struct {
	// Renderer writes the 429 and 503 problems; nil means errorsx.Default()
	// as it is when a problem is written.
	Renderer *errorsx.Renderer
	// Policies are applied together: a request passes only if all allow it.
	Policies []Policy
	// Key names the bucket of a request; nil means ByIP(IPOptions{}), the
	// connection's peer address.
	Key KeyFunc
	// Store holds the buckets; nil means a new MemoryStore with default
	// options, private to this Limiter.
	Store Store
	// Concurrency, if set, also bounds the requests of each key in flight
	// at once (see ConcurrencyPolicy).
	Concurrency *ConcurrencyPolicy
	// Cost returns the tokens a request takes (weighted requests); nil means
	// 1 for every request. 0 makes a request free (it still gets the
	// fields). A cost below 0 or above the smallest Burst can never be
	// satisfied and is answered with 500, as the configuration error it is.
	Cost func(*http.Request) int
	// FailurePolicy chooses between rejecting (FailClosed, default) and
	// serving (FailOpen) when no decision can be made.
	FailurePolicy FailurePolicy
	// FailureRetryAfter is the Retry-After of a fail-closed 503; 0 means
	// DefaultFailureRetryAfter.
	FailureRetryAfter time.Duration
	// HideRemaining omits the RateLimit field (remaining quota, which the
	// draft makes REQUIRED in it) while keeping RateLimit-Policy; use it on
	// routes such as login where remaining quota is sensitive. With legacy
	// fields on, only X-RateLimit-Limit is sent. A 429 still carries
	// Retry-After.
	HideRemaining bool
	// LegacyHeaders adds X-RateLimit-Limit (Burst), X-RateLimit-Remaining
	// (whole tokens left) and X-RateLimit-Reset (seconds until the bucket is
	// full again) for the policy with the fewest tokens left, for clients
	// written against older drafts.
	LegacyHeaders bool
	// Logger receives fail-open events; nil means slog.Default().
	Logger *slog.Logger
	// Skip exempts a request from limiting and fields when it returns true
	// (health checks, for example).
	Skip func(*http.Request) bool
}

// Validate reports why [New] would refuse opts, or nil. The error reads
// "ratelimit: <Field>: <why>", e.g. "ratelimit: Policies[0].Burst: policy
// "api": must be 1–999999999999999". It checks that at least one policy is
// given, that each is valid and their names are unique (the Concurrency
// policy's too), that FailurePolicy is known, and, when the Store implements
// [PolicyValidator], that the store can hold the policies.
func (opts Options) Validate() error {
	if len(opts.Policies) == 0 {
		return errNoPolicy
	}
	seen := make(map[string]bool, len(opts.Policies))
	for i, p := range opts.Policies {
		if err := p.validate(fmt.Sprintf("Policies[%d]", i)); err != nil {
			return err
		}
		if seen[p.Name] {
			return fmt.Errorf("ratelimit: Policies[%d].Name: two policies named %q", i, p.Name)
		}
		seen[p.Name] = true
	}
	if opts.Concurrency != nil {
		if err := opts.Concurrency.validate(opts.Policies); err != nil {
			return err
		}
	}
	if opts.FailurePolicy != FailClosed && opts.FailurePolicy != FailOpen {
		return fmt.Errorf("ratelimit: FailurePolicy: unknown value %d", opts.FailurePolicy)
	}
	if v, ok := opts.Store.(PolicyValidator); ok {
		if err := v.ValidatePolicies(opts.Policies); err != nil {
			return fmt.Errorf("ratelimit: Store: %w", err)
		}
	}
	return nil
}
