package clientip_test

import (
	"errors"
	"net"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/internal/clientip"
)

// fuzzTrusted are the proxies FuzzResolver trusts.
var fuzzTrusted = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("2001:db8::/32"),
	netip.MustParsePrefix("::ffff:172.16.0.0/108"),
}

// FuzzResolver resolves arbitrary RemoteAddr and X-Forwarded-For values
// behind a set of trusted proxies: it never panics; a RemoteAddr of the form
// "ip" or "host:port" always gives a key; the key of an untrusted peer is
// the same with or without X-Forwarded-For; the key is the address (IPv4)
// or its /64 (IPv6), and Addr returns an address without zone or IPv4
// mapping.
func FuzzResolver(f *testing.F) {
	f.Add("10.1.1.1:80", "1.2.3.4, 10.2.2.2", "", uint8(1))
	f.Add("192.0.2.1:80", "1.2.3.4", "5.6.7.8", uint8(2))
	f.Add("[2001:db8::1]:443", "[2001:db8:1::7]:9, garbage", "::ffff:198.51.100.1", uint8(2))
	f.Add("[fe80::1%eth0]:80", "", "", uint8(0))
	f.Add("::ffff:172.16.0.9", "2001:db8::1%zone", "10.0.0.1", uint8(2))
	f.Add("1.2.3.4:000080", ",,,,", "", uint8(1))
	f.Add("[1.2.3.4]:80", "[::1", "1.2.3.4:99999", uint8(2))
	f.Add("@", "1.2.3.4", "", uint8(1))
	res, err := clientip.New(clientip.Options{TrustedProxies: fuzzTrusted, MaxForwarded: 4})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, remote, xff1, xff2 string, lines uint8) {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = remote
		bare, bareErr := res.Key(req)
		switch lines % 3 {
		case 1:
			req.Header["X-Forwarded-For"] = []string{xff1}
		case 2:
			req.Header["X-Forwarded-For"] = []string{xff1, xff2}
		}
		key, err := res.Key(req)
		addr, addrErr := res.Addr(req)
		if (err == nil) != (addrErr == nil) || (err != nil && !errors.Is(err, clientip.ErrNoAddress)) {
			t.Fatalf("Key error %v, Addr error %v for %q", err, addrErr, remote)
		}
		peer, parses := fuzzPeer(remote)
		if parses && (err != nil || key == "") {
			t.Fatalf("RemoteAddr %q parses as %v but Key = %q, %v", remote, peer, key, err)
		}
		if err != nil {
			return
		}
		if !addr.IsValid() || addr.Zone() != "" || addr.Is4In6() {
			t.Fatalf("Addr = %v for %q / %q", addr, remote, req.Header["X-Forwarded-For"])
		}
		want := addr.String()
		if addr.Is6() {
			want = netip.PrefixFrom(addr, clientip.DefaultIPv6PrefixLen).Masked().String()
		}
		if key != want {
			t.Fatalf("Key = %q for address %v, want %q", key, addr, want)
		}
		if parses && !trusted(peer) && (key != bare || bareErr != nil) {
			t.Fatalf("untrusted peer %q: key %q with X-Forwarded-For %q, %q without", remote, key, req.Header["X-Forwarded-For"], bare)
		}
	})
}

// fuzzPeer parses RemoteAddr independently of the resolver: an IP literal,
// or host:port (net.SplitHostPort) with an IP host and a 1–5 digit port.
func fuzzPeer(remote string) (netip.Addr, bool) {
	if a, err := netip.ParseAddr(remote); err == nil {
		return a.WithZone("").Unmap(), true
	}
	host, port, err := net.SplitHostPort(remote)
	if err != nil || port == "" || len(port) > 5 || strings.Trim(port, "0123456789") != "" {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.WithZone("").Unmap(), true
}

func trusted(a netip.Addr) bool {
	for _, p := range fuzzTrusted {
		if p.Contains(a) || (p.Addr().Is4In6() && p.Bits() >= 96 &&
			netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96).Contains(a)) {
			return true
		}
	}
	return false
}
