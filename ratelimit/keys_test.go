package ratelimit_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/ratelimit"
)

func TestByIP(t *testing.T) {
	proxies := ratelimit.IPOptions{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}
	long := strings.Repeat("198.51.100.7, ", 9999) + "203.0.113.9"
	for _, tc := range []struct {
		name   string
		opts   ratelimit.IPOptions
		remote string
		header map[string]string
		want   string
	}{
		{"peer with port", ratelimit.IPOptions{}, "192.0.2.1:1234", nil, "192.0.2.1"},
		{"peer without port", ratelimit.IPOptions{}, "192.0.2.1", nil, "192.0.2.1"},
		{"spoofed XFF from untrusted peer", ratelimit.IPOptions{}, "192.0.2.1:1", map[string]string{"X-Forwarded-For": "1.1.1.1"}, "192.0.2.1"},
		{"spoofed X-Real-IP", proxies, "10.0.0.2:1", map[string]string{"X-Real-IP": "1.1.1.1", "True-Client-IP": "1.1.1.2"}, "10.0.0.2"},
		{"trusted proxy", proxies, "10.0.0.2:1", map[string]string{"X-Forwarded-For": "1.1.1.1, 192.0.2.5, 10.0.0.3"}, "192.0.2.5"},
		{"garbage XFF", proxies, "10.0.0.2:1", map[string]string{"X-Forwarded-For": "\x00<script>, ;;, ::::"}, "10.0.0.2"},
		{"10 000 entries", proxies, "10.0.0.2:1", map[string]string{"X-Forwarded-For": long}, "203.0.113.9"},
		{"mapped IPv4", ratelimit.IPOptions{}, "[::ffff:192.0.2.1]:1", nil, "192.0.2.1"},
		{"IPv6 by /64", ratelimit.IPOptions{}, "[2001:db8:1:2:3:4:5:6]:1", nil, "2001:db8:1:2::/64"},
		{"IPv6 by /48", ratelimit.IPOptions{IPv6PrefixLen: 48}, "[2001:db8:1:2::9%eth0]:1", nil, "2001:db8:1::/48"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.RemoteAddr = tc.remote
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			got, err := ratelimit.ByIP(tc.opts)(req)
			if err != nil || got != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestByIPPanicsOnBadOptions(t *testing.T) {
	for _, tc := range []struct {
		opts ratelimit.IPOptions
		want string
	}{
		{ratelimit.IPOptions{IPv6PrefixLen: 129}, "ratelimit: IPOptions.IPv6PrefixLen: must be 0–128 (0 means 64)"},
		{ratelimit.IPOptions{MaxForwarded: -1}, "ratelimit: IPOptions.MaxForwarded: must be ≥ 0"},
		{ratelimit.IPOptions{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), {}}}, "ratelimit: IPOptions.TrustedProxies[1]: invalid prefix"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if err := tc.opts.Validate(); err == nil || err.Error() != tc.want {
				t.Fatalf("Validate = %v, want %q", err, tc.want)
			}
			defer func() {
				if got := recover(); got == nil || fmt.Sprint(got) != tc.want {
					t.Fatalf("ByIP panicked with %v, want %q", got, tc.want)
				}
			}()
			ratelimit.ByIP(tc.opts)
		})
	}
	if err := (ratelimit.IPOptions{}).Validate(); err != nil {
		t.Fatalf("zero IPOptions: %v", err)
	}
}

// subjectKey stands in for the auth package's key function: "id:" + the
// subject, or "" without identity.
func subjectKey(r *http.Request) (string, error) {
	if u := r.Header.Get("X-Test-User"); u != "" {
		return "id:" + u, nil
	}
	return "", nil
}

func TestComposedKeys(t *testing.T) {
	boom := errors.New("boom")
	failing := func(*http.Request) (string, error) { return "", boom }
	identityOrIP := ratelimit.FirstOf(subjectKey, ratelimit.ByIP(ratelimit.IPOptions{}))
	for _, tc := range []struct {
		name    string
		key     ratelimit.KeyFunc
		user    string
		pattern string
		apiKey  string
		want    string
		err     error
	}{
		{"identity", identityOrIP, "alice", "", "", "id:alice", nil},
		{"falls back to IP", identityOrIP, "", "", "", "192.0.2.1", nil},
		{"header", ratelimit.ByHeader("X-Api-Key"), "", "", "k1", "hdr:k1", nil},
		{"missing header falls through", ratelimit.FirstOf(ratelimit.ByHeader("X-Api-Key"), ratelimit.ByRoute()), "", "GET /a", "", "route:GET /a", nil},
		{"all empty", ratelimit.FirstOf(ratelimit.ByHeader("X-Api-Key")), "", "", "", "", nil},
		{"error stops FirstOf", ratelimit.FirstOf(failing, identityOrIP), "", "", "", "", boom},
		{"join", ratelimit.Join(ratelimit.ByRoute(), identityOrIP), "bob", "/b", "", "8:route:/b6:id:bob", nil},
		{"join with empty part", ratelimit.Join(ratelimit.ByRoute(), identityOrIP), "bob", "", "", "", nil},
		{"long header is cut", ratelimit.ByHeader("X-Api-Key"), "", "", strings.Repeat("a", 1000), "hdr:" + strings.Repeat("a", 256), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.RemoteAddr = "192.0.2.1:9"
			req.Pattern = tc.pattern
			if tc.user != "" {
				req.Header.Set("X-Test-User", tc.user)
			}
			if tc.apiKey != "" {
				req.Header.Set("X-Api-Key", tc.apiKey)
			}
			got, err := tc.key(req)
			if got != tc.want || !errors.Is(err, tc.err) {
				t.Fatalf("got %q, %v; want %q, %v", got, err, tc.want, tc.err)
			}
		})
	}
}

// Keys of the same shape from different sources do not collide through
// Join's separator.
func TestJoinIsUnambiguous(t *testing.T) {
	k := func(s string) ratelimit.KeyFunc { return func(*http.Request) (string, error) { return s, nil } }
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	a, _ := ratelimit.Join(k("a:b"), k("c"))(req)
	b, _ := ratelimit.Join(k("a"), k("b:c"))(req)
	if a == b {
		t.Fatalf("Join(a:b, c) == Join(a, b:c) == %q", a)
	}
}
