package clientip_test

import (
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/internal/clientip"
)

func TestAddr(t *testing.T) {
	trusted := clientip.Options{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::ffff:172.16.0.0/108")}, MaxForwarded: 3}
	for _, tc := range []struct {
		opts        clientip.Options
		remote, xff string
		want        string
	}{
		{clientip.Options{}, "192.0.2.1:80", "1.2.3.4", "192.0.2.1"},
		{trusted, "10.1.1.1:80", "1.2.3.4, 10.2.2.2", "1.2.3.4"},
		{trusted, "172.16.0.9:80", "[2001:db8::1]:443", "2001:db8::1"},
		{trusted, "10.1.1.1:80", "5.5.5.5, 10.0.0.3, 10.0.0.2, 10.0.0.1", "10.0.0.3"}, // cap of 3 entries
		{trusted, "10.1.1.1:80", "::ffff:198.51.100.1", "198.51.100.1"},
		{trusted, "10.1.1.1:80", "nonsense, 10.0.0.5", "10.0.0.5"},
		{trusted, "10.1.1.1:80", strings.Repeat(",", 10000), "10.1.1.1"},
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = tc.remote
		req.Header.Set("X-Forwarded-For", tc.xff)
		r, err := clientip.New(tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		a, err := r.Addr(req)
		if err != nil || a.String() != tc.want {
			t.Errorf("%s / %q: got %v, %v; want %s", tc.remote, tc.xff, a, err, tc.want)
		}
	}
}

func TestNoAddress(t *testing.T) {
	r, _ := clientip.New(clientip.Options{})
	for _, remote := range []string{"", "@", "pipe", "1.2.3.4:port", "[::1", "[::1]x"} {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = remote
		if _, err := r.Key(req); err != clientip.ErrNoAddress {
			t.Errorf("%q: %v", remote, err)
		}
	}
}

func TestNewRejects(t *testing.T) {
	for _, o := range []clientip.Options{{IPv6PrefixLen: 129}, {MaxForwarded: -1}, {TrustedProxies: []netip.Prefix{{}}}} {
		if _, err := clientip.New(o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}

// The one-pass IPv4 scan agrees with netip.ParseAddr: canonical dotted
// quads are taken, with or without a port; anything else falls back.
func TestParseHostIPv4(t *testing.T) {
	res, err := clientip.New(clientip.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ remote, want string }{
		{"192.0.2.1", "192.0.2.1"},
		{"192.0.2.1:8080", "192.0.2.1"},
		{"0.0.0.0:1", "0.0.0.0"},
		{"255.255.255.255", "255.255.255.255"},
		{"256.0.0.1", ""},
		{"1.2.3.4.5", ""},
		{"1.2.3.1234", ""},
		{"01.2.3.4", ""},
		{"1.2.3", ""},
		{"1.2.3.4:", ""},
		{"1.2.3.4:123456", ""},
		{"1.2.3.4:80:80", ""},
		{"1.2.3.4x", ""},
		{"::ffff:1.2.3.4", "1.2.3.4"},
		{"[::ffff:1.2.3.4]:80", "1.2.3.4"},
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = tc.remote
		got, err := res.Key(req)
		if got != tc.want || (err != nil) != (tc.want == "") {
			t.Errorf("%q: %q, %v; want %q", tc.remote, got, err, tc.want)
		}
	}
}
