package bench

import "github.com/fourxx/fourxx/ratelimit"

// newFourxxLimiter builds a limiter or stops the benchmark: its options are
// fixed and valid.
func newFourxxLimiter(opts ratelimit.Options) *ratelimit.Limiter {
	lim, err := ratelimit.New(opts)
	if err != nil {
		panic(err)
	}
	return lim
}
