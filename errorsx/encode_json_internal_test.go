package errorsx

import (
	"strings"
	"testing"
)

// plainPrefix agrees with the byte table for every byte value at every
// position of an eight-byte lane and of the byte-by-byte tail.
func TestPlainPrefix(t *testing.T) {
	const n = 20
	for c := range 256 {
		for pos := range n {
			s := []byte(strings.Repeat("a", n))
			s[pos] = byte(c)
			want := n
			if !plainJSON[c] {
				want = pos
			}
			if got := plainPrefix(string(s)); got != want {
				t.Fatalf("byte %#x at %d: plain prefix %d, want %d", c, pos, got, want)
			}
		}
	}
	for _, s := range []string{"", "a", "0123456789abcdef", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f", "\x1f\x20\x20\x20\x20\x20\x20\x20"} {
		want := 0
		for want < len(s) && plainJSON[s[want]] {
			want++
		}
		if got := plainPrefix(s); got != want {
			t.Errorf("%q: %d, want %d", s, got, want)
		}
	}
}
