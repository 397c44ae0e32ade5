package bench

import "github.com/fourxx/fourxx/ratelimit"

// newFourxxLimiter builds a limiter; New panics on invalid options, and
// these are fixed and valid.
func newFourxxLimiter(opts ratelimit.Options) *ratelimit.Limiter {
	return ratelimit.New(opts)
}
