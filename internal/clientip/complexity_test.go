package clientip_test

import (
	"bytes"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/internal/clientip"
	"github.com/fourxx/fourxx/internal/complexitytest"
)

// Resolving the client of a request does work linear in its
// X-Forwarded-For lines, whatever their shape, even behind a resolver that
// examines every entry.
func TestResolverIsLinear(t *testing.T) {
	res, err := clientip.New(clientip.Options{
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8::/32")},
		MaxForwarded:   1 << 30,
	})
	if err != nil {
		t.Fatal(err)
	}
	req := &http.Request{RemoteAddr: "10.0.0.1:443", Header: http.Header{}}
	resolve := func(in []byte) {
		// Each line of the input is one X-Forwarded-For field line.
		req.Header["X-Forwarded-For"] = strings.Split(string(in), "\n")
		if _, err := res.Key(req); err != nil {
			t.Fatal(err)
		}
	}
	repeat := func(unit string) func(int) []byte {
		return func(n int) []byte { return bytes.Repeat([]byte(unit), n) }
	}
	// The client, then n trusted proxies: every entry is examined.
	trustedChain := func(n int) []byte {
		b := []byte("203.0.113.9")
		for i := range n {
			b = append(b, ", 10.0."...)
			b = strconv.AppendInt(b, int64(i>>8&255), 10)
			b = append(b, '.')
			b = strconv.AppendInt(b, int64(i&255), 10)
		}
		return b
	}
	// The chain's client is found behind all its proxies.
	req.Header["X-Forwarded-For"] = []string{string(trustedChain(3000))}
	if got, err := res.Key(req); err != nil || got != "203.0.113.9" {
		t.Fatalf("client behind 3000 trusted proxies: %q, %v", got, err)
	}
	complexitytest.Linear(t, resolve,
		complexitytest.Shape{Name: "many trusted entries", Gen: trustedChain, N: 2000},
		complexitytest.Shape{Name: "many empty entries", Gen: repeat(", ,"), N: 4000},
		complexitytest.Shape{Name: "many field lines", Gen: repeat("10.1.2.3\n"), N: 2000},
		complexitytest.Shape{Name: "many IPv6 entries with zones and ports", Gen: repeat("[2001:db8::1%eth0]:443, "), N: 1000},
		complexitytest.Shape{Name: "one long garbage entry", Gen: repeat("[::ffff:"), N: 4000},
		complexitytest.Shape{Name: "long port", Gen: func(n int) []byte { return append([]byte("203.0.113.9:"), bytes.Repeat([]byte("9"), n)...) }, N: 4000},
	)
}
