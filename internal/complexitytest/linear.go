package complexitytest

import (
	"runtime"
	"testing"
)

// DefaultMaxRatio is the bound Linear applies when a Shape leaves MaxRatio
// zero: 4× the input may cost at most 6× the bytes, which admits linear
// work with a constant overhead and refuses anything quadratic (16×).
const DefaultMaxRatio = 6.0

// A Shape is one adversarial family of inputs for a parser.
type Shape struct {
	// Name labels the subtest.
	Name string
	// Gen builds the input of size parameter n. Its length should grow
	// linearly with n.
	Gen func(n int) []byte
	// N is the small size; Linear also runs 4×N.
	N int
	// MaxRatio overrides DefaultMaxRatio when positive.
	MaxRatio float64
}

// Linear runs parse once on each shape's input at N and at 4×N (after one
// warm-up call for each, so lazily built tables are not counted) and fails
// the subtest when the bytes allocated at 4×N exceed MaxRatio times those at
// N. parse must do the whole work of the parser under test; its result is
// ignored. Linear logs both figures, so `go test -v` shows them.
func Linear(t *testing.T, parse func([]byte), shapes ...Shape) {
	t.Helper()
	for _, s := range shapes {
		t.Run(s.Name, func(t *testing.T) {
			limit := s.MaxRatio
			if limit <= 0 {
				limit = DefaultMaxRatio
			}
			small, large := s.Gen(s.N), s.Gen(4*s.N)
			bSmall, bLarge := Bytes(parse, small), Bytes(parse, large)
			// A parse that allocates nothing at n is linear if it
			// allocates at most a small constant at 4n.
			ratio := float64(bLarge) / float64(max(bSmall, 1))
			t.Logf("n=%d (%d B in): %d B allocated; 4n (%d B in): %d B allocated; ratio %.2f (bound %.1f)",
				s.N, len(small), bSmall, len(large), bLarge, ratio, limit)
			if bSmall == 0 && bLarge <= 1024 {
				return
			}
			if ratio > limit {
				t.Errorf("4× the input cost %.2f× the bytes (%d → %d B), bound %.1f×: super-linear work",
					ratio, bSmall, bLarge, limit)
			}
		})
	}
}

// Bytes returns the bytes allocated by one call of parse(in), after one
// warm-up call. It reads runtime.MemStats.TotalAlloc, which counts every
// goroutine, so it must not run beside other allocating tests (do not call
// t.Parallel in tests that use it).
func Bytes(parse func([]byte), in []byte) uint64 {
	parse(in)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	parse(in)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
