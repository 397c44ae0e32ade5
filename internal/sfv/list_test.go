package sfv_test

import (
	"reflect"
	"testing"

	"github.com/dunglas/httpsfv"

	"github.com/fourxx/fourxx/internal/sfv"
)

func TestParseList(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []sfv.Item
		err   bool
	}{
		{"empty", []string{""}, []sfv.Item{}, false},
		{"rate limit", []string{`"default";r=50;t=30`}, []sfv.Item{{Value: "default", Params: []sfv.Param{{"r", int64(50)}, {"t", int64(30)}}}}, false},
		{"two lines", []string{`a`, `?1;x`}, []sfv.Item{{Value: httpsfv.Token("a")}, {Value: true, Params: []sfv.Param{{"x", true}}}}, false},
		{"duplicate parameter keeps the last", []string{`"p";r=1;r=2`}, []sfv.Item{{Value: "p", Params: []sfv.Param{{"r", int64(2)}}}}, false},
		{"inner list", []string{`("a" "b")`}, nil, true},
		{"trailing comma", []string{`"a",`}, nil, true},
		{"16-digit integer", []string{`"a";r=1000000000000000`}, nil, true},
		{"control character", []string{"\"a\x01\""}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sfv.ParseList(tt.lines...)
			if (err != nil) != tt.err || !tt.err && !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ParseList(%q) = %#v, %v; want %#v, error %v", tt.lines, got, err, tt.want, tt.err)
			}
		})
	}
}
