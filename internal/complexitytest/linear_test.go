package complexitytest_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/internal/complexitytest"
)

var sink []byte

// quadratic rebuilds its prefix for every byte: the class of defect
// Linear exists to catch.
func quadratic(in []byte) {
	var s string
	for i := range in {
		s = string(in[:i]) + "x"
	}
	sink = []byte(s)
}

func linear(in []byte) { sink = bytes.ToUpper(in) }

func gen(n int) []byte { return []byte(strings.Repeat("a", n)) }

func TestLinearAcceptsLinearWork(t *testing.T) {
	complexitytest.Linear(t, linear, complexitytest.Shape{Name: "upper", Gen: gen, N: 4096})
}

func TestLinearRefusesQuadraticWork(t *testing.T) {
	tests := []struct {
		name  string
		parse func([]byte)
		fail  bool
	}{
		{"linear passes", linear, false},
		{"quadratic fails", quadratic, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			small, large := complexitytest.Bytes(tt.parse, gen(512)), complexitytest.Bytes(tt.parse, gen(2048))
			ratio := float64(large) / float64(max(small, 1))
			if got := ratio > complexitytest.DefaultMaxRatio; got != tt.fail {
				t.Fatalf("ratio %.2f (%d → %d B): over the bound = %v, want %v", ratio, small, large, got, tt.fail)
			}
		})
	}
}
