package clientip_test

import (
	"fmt"
	"net/http/httptest"
	"net/netip"

	"github.com/fourxx/fourxx/internal/clientip"
)

// Behind a trusted proxy, X-Forwarded-For is read from the right; a forged
// leftmost entry and any request from an untrusted peer are ignored. IPv6
// clients are keyed by their /64.
func Example() {
	res, err := clientip.New(clientip.Options{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}})
	if err != nil {
		panic(err)
	}
	for _, c := range []struct{ peer, xff string }{
		{"10.0.0.7:51000", "6.6.6.6, 203.0.113.5"}, // via the proxy; 6.6.6.6 is forged
		{"198.51.100.9:4000", "203.0.113.5"},       // untrusted peer: header ignored
		{"[2001:db8:1:2:aaaa::1]:443", ""},         // IPv6: one key per /64
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = c.peer
		if c.xff != "" {
			req.Header.Set("X-Forwarded-For", c.xff)
		}
		key, _ := res.Key(req)
		fmt.Println(key)
	}
	// Output:
	// 203.0.113.5
	// 198.51.100.9
	// 2001:db8:1:2::/64
}
