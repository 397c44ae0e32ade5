package clientip

import (
	"errors"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
)

// DefaultMaxForwarded is how many X-Forwarded-For entries are examined,
// from the right, when Options.MaxForwarded is zero.
const DefaultMaxForwarded = 16

// DefaultIPv6PrefixLen is the prefix length IPv6 clients are grouped by when
// Options.IPv6PrefixLen is zero: one /64 is one subscriber line.
const DefaultIPv6PrefixLen = 64

// ErrNoAddress is returned when the request's RemoteAddr holds no IP
// address (for example a Unix socket peer).
var ErrNoAddress = errors.New("clientip: RemoteAddr holds no IP address")

// Options configure a [Resolver]. The zero value trusts no proxy.
type Options struct {
	// TrustedProxies lists the networks of the reverse proxies in front of
	// the server. Only a peer inside one of them may name the client through
	// X-Forwarded-For. Empty means RemoteAddr is the client.
	TrustedProxies []netip.Prefix
	// MaxForwarded caps the X-Forwarded-For entries examined from the right;
	// 0 means DefaultMaxForwarded. When every examined entry is a trusted
	// proxy, the leftmost examined one is taken as the client.
	MaxForwarded int
	// IPv6PrefixLen is the prefix length [Resolver.Key] groups IPv6 clients
	// by, 1–128; 0 means DefaultIPv6PrefixLen.
	IPv6PrefixLen int
}

// A Resolver finds client addresses. It is safe for concurrent use.
type Resolver struct {
	trusted []netip.Prefix
	maxFwd  int
	v6Bits  int
}

// An OptionError names the field of [Options] that [New] refused and why.
type OptionError struct {
	Field string // e.g. "IPv6PrefixLen" or "TrustedProxies[2]"
	Why   string
}

// Error reads "clientip: <Field>: <why>".
func (e *OptionError) Error() string { return "clientip: " + e.Field + ": " + e.Why }

// New returns a Resolver for opts. It fails with an [*OptionError] when
// IPv6PrefixLen or MaxForwarded is out of range or a trusted prefix is
// invalid.
func New(opts Options) (*Resolver, error) {
	r := &Resolver{maxFwd: opts.MaxForwarded, v6Bits: opts.IPv6PrefixLen}
	if r.maxFwd == 0 {
		r.maxFwd = DefaultMaxForwarded
	}
	if r.v6Bits == 0 {
		r.v6Bits = DefaultIPv6PrefixLen
	}
	if r.maxFwd < 0 {
		return nil, &OptionError{"MaxForwarded", "must be ≥ 0"}
	}
	if r.v6Bits < 1 || r.v6Bits > 128 {
		return nil, &OptionError{"IPv6PrefixLen", "must be 0–128 (0 means " + strconv.Itoa(DefaultIPv6PrefixLen) + ")"}
	}
	for i, p := range opts.TrustedProxies {
		if !p.IsValid() {
			return nil, &OptionError{"TrustedProxies[" + strconv.Itoa(i) + "]", "invalid prefix"}
		}
		p = p.Masked()
		if p.Addr().Is4In6() && p.Bits() >= 96 {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		r.trusted = append(r.trusted, p)
	}
	return r, nil
}

// Addr returns the client's address, IPv4-mapped IPv6 folded to IPv4 and
// without zone.
func (r *Resolver) Addr(req *http.Request) (netip.Addr, error) {
	_, a, err := r.resolve(req)
	return a, err
}

// Key returns a bucket key for the client: the dotted IPv4 address, or the
// IPv6 network of IPv6PrefixLen bits in CIDR notation ("2001:db8:1:2::/64").
// For an IPv4 client whose address text came canonical it returns a
// substring of the request and does not allocate.
func (r *Resolver) Key(req *http.Request) (string, error) {
	if len(r.trusted) == 0 {
		if host, _, ok := ipv4Host(req.RemoteAddr); ok {
			return host, nil // the peer is the client
		}
	}
	text, a, err := r.resolve(req)
	if err != nil {
		return "", err
	}
	if a.Is4() {
		if text != "" {
			return text, nil
		}
		return a.String(), nil
	}
	return netip.PrefixFrom(a, r.v6Bits).Masked().String(), nil
}

// resolve returns the client address and, when it is a canonical IPv4
// literal of the request, that literal.
func (r *Resolver) resolve(req *http.Request) (string, netip.Addr, error) {
	text, peer, ok := parseHost(req.RemoteAddr)
	if !ok {
		return "", netip.Addr{}, ErrNoAddress
	}
	if !r.isTrusted(peer) {
		return text, peer, nil
	}
	lines := req.Header["X-Forwarded-For"]
	examined := 0
	for i := len(lines) - 1; i >= 0 && examined < r.maxFwd; i-- {
		line := lines[i]
		for line != "" && examined < r.maxFwd {
			var entry string
			if c := strings.LastIndexByte(line, ','); c >= 0 {
				entry, line = line[c+1:], line[:c]
			} else {
				entry, line = line, ""
			}
			entry = strings.TrimSpace(entry)
			if entry == "" {
				continue
			}
			examined++
			t, a, ok := parseHost(entry)
			if !ok {
				// Only a trusted proxy wrote what lies right of here, so
				// garbage means a misconfigured proxy: keep the last
				// verified hop rather than guess.
				return text, peer, nil
			}
			text, peer = t, a
			if !r.isTrusted(a) {
				return text, peer, nil
			}
		}
	}
	return text, peer, nil
}

func (r *Resolver) isTrusted(a netip.Addr) bool {
	for _, p := range r.trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// parseHost parses "ip", "ip:port", "[ipv6]" or "[ipv6]:port". It returns
// the address folded to IPv4 when mapped and without zone, and the original
// text when that text is already the canonical IPv4 form.
func parseHost(s string) (string, netip.Addr, bool) {
	if host, a, ok := ipv4Host(s); ok {
		return host, a, true
	}
	host := s
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", netip.Addr{}, false
		}
		host = s[1:end]
		if rest := s[end+1:]; rest != "" && !validPort(rest) {
			return "", netip.Addr{}, false
		}
	} else if c := strings.IndexByte(s, ':'); c >= 0 && strings.LastIndexByte(s, ':') == c {
		// exactly one colon: IPv4 with a port
		if !validPort(s[c:]) {
			return "", netip.Addr{}, false
		}
		host = s[:c]
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return "", netip.Addr{}, false
	}
	if a.Is4() {
		return host, a, true
	}
	a = a.WithZone("")
	if a.Is4In6() {
		return "", a.Unmap(), true
	}
	return "", a, true
}

// validPort reports whether s is ":" followed by 1–5 digits.
func validPort(s string) bool {
	if len(s) < 2 || len(s) > 6 || s[0] != ':' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ipv4Host parses "ip" or "ip:port" for a canonical IPv4 ip, the common
// case, in one pass; ok is false for anything else.
func ipv4Host(s string) (host string, a netip.Addr, ok bool) {
	a, n, ok := scanIPv4(s)
	if !ok || n < len(s) && !validPort(s[n:]) {
		return "", netip.Addr{}, false
	}
	return s[:n], a, true
}

// scanIPv4 reads a canonical dotted-quad IPv4 address (no leading zeros,
// each part 0–255) at the start of s, in one pass over its bytes, and
// returns it with its length. Anything else — IPv6, a non-canonical form —
// is left to netip.ParseAddr.
func scanIPv4(s string) (netip.Addr, int, bool) {
	var ip [4]byte
	i := 0
	for part := range 4 {
		if part > 0 {
			if i >= len(s) || s[i] != '.' {
				return netip.Addr{}, 0, false
			}
			i++
		}
		if i >= len(s) || s[i]-'0' > 9 {
			return netip.Addr{}, 0, false
		}
		// A part is 0 alone, or up to three digits without a leading 0.
		v := uint(s[i] - '0')
		i++
		if v != 0 && i < len(s) && s[i]-'0' <= 9 {
			v = v*10 + uint(s[i]-'0')
			i++
			if i < len(s) && s[i]-'0' <= 9 {
				v = v*10 + uint(s[i]-'0')
				i++
				if v > 255 {
					return netip.Addr{}, 0, false
				}
			}
		}
		ip[part] = byte(v)
	}
	if i < len(s) && (s[i]-'0' <= 9 || s[i] == '.') {
		return netip.Addr{}, 0, false // a digit too many, or a fifth part
	}
	return netip.AddrFrom4(ip), i, true
}
