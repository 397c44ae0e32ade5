package httpserve

import (
	"flag"
	"io"
	"testing"
)

func TestLimitFlags(t *testing.T) {
	tests := []struct {
		args []string
		want LimitFlags
		ok   bool
	}{
		{nil, LimitFlags{Addr: "127.0.0.1:9", Rate: 5, Burst: 10}, true},
		{[]string{"-addr", ":1", "-rate", "0.5", "-burst", "3"}, LimitFlags{Addr: ":1", Rate: 0.5, Burst: 3}, true},
		{[]string{"-rate", "0"}, LimitFlags{}, false},
		{[]string{"-rate", "NaN"}, LimitFlags{}, false},
		{[]string{"-burst", "0"}, LimitFlags{}, false},
	}
	for _, tt := range tests {
		var f LimitFlags
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		f.Register(fs, "127.0.0.1:9", "")
		err := fs.Parse(tt.args)
		if err == nil {
			err = f.Check()
		}
		if (err == nil) != tt.ok || (tt.ok && f != tt.want) {
			t.Errorf("%v: %+v, %v", tt.args, f, err)
		}
	}
}
