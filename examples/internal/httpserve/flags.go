package httpserve

import (
	"errors"
	"flag"
)

// LimitFlags are the command-line flags both example servers share: where
// to listen and the per-client token bucket.
type LimitFlags struct {
	Addr  string
	Rate  float64
	Burst int
}

// Register adds -addr (defaulting to addr), -rate and -burst to fs; scope
// says where the limit applies, for the help text.
func (f *LimitFlags) Register(fs *flag.FlagSet, addr, scope string) {
	fs.StringVar(&f.Addr, "addr", addr, "listen address")
	fs.Float64Var(&f.Rate, "rate", 5, "rate limit"+scope+": tokens refilled per second, per client")
	fs.IntVar(&f.Burst, "burst", 10, "rate limit"+scope+": bucket size, per client")
}

// Check reports a limit the flags cannot build a policy from.
func (f *LimitFlags) Check() error {
	if !(f.Rate > 0) || f.Burst < 1 {
		return errors.New("-rate must be positive and -burst at least 1")
	}
	return nil
}
