package clientip

import (
	"net/netip"
	"testing"
)

// FuzzScanIPv4 checks the one-pass IPv4 scan against netip.ParseAddr: what
// it takes is the canonical text of the address netip parses, and every
// canonical IPv4 text netip parses is taken whole.
func FuzzScanIPv4(f *testing.F) {
	for _, s := range []string{"192.0.2.1", "0.0.0.0:80", "255.255.255.255", "01.2.3.4", "1.2.3.4.5", "256.1.1.1", "1.2.3", "::ffff:1.2.3.4", "1.2.3.4x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if a, n, ok := scanIPv4(s); ok {
			want, err := netip.ParseAddr(s[:n])
			if err != nil || want != a || !a.Is4() || a.String() != s[:n] {
				t.Fatalf("scanIPv4(%q) took %q as %v; netip: %v, %v", s, s[:n], a, want, err)
			}
		}
		if a, err := netip.ParseAddr(s); err == nil && a.Is4() && a.String() == s {
			if got, n, ok := scanIPv4(s); !ok || n != len(s) || got != a {
				t.Fatalf("scanIPv4(%q) = %v, %d, %v; want the whole canonical address", s, got, n, ok)
			}
		}
	})
}
