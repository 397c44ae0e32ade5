package httpserve

import (
	"flag"
	"strings"
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
		var out strings.Builder
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(&out)
		f.Register(fs, "127.0.0.1:9", "")
		err := f.Parse(fs, tt.args)
		if (err == nil) != tt.ok || (tt.ok && f != tt.want) {
			t.Errorf("%v: %+v, %v", tt.args, f, err)
		}
		if !tt.ok && !strings.Contains(out.String(), err.Error()) {
			t.Errorf("%v: error %q not reported, output %q", tt.args, err, out.String())
		}
	}
}
