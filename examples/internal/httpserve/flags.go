package httpserve

import (
	"errors"
	"flag"
	"fmt"
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

// Parse parses args with fs and checks the limit, reporting a bad one on
// fs's output like any other flag error.
func (f *LimitFlags) Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !(f.Rate > 0) || f.Burst < 1 {
		err := errors.New("-rate must be positive and -burst at least 1")
		fmt.Fprintln(fs.Output(), err)
		return err
	}
	return nil
}
