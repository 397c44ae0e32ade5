package ratelimit

import (
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"strconv"
	"strings"

	"github.com/fourxx/fourxx/internal/clientip"
)

// A KeyFunc names the bucket a request draws from. An empty key means "no
// key here": [FirstOf] moves on to the next function, and a Limiter treats a
// final empty key as [ErrNoKey]. An error is handled by the Limiter's
// FailurePolicy, never turned into a 4xx.
//
// The auth package's Authenticator provides a KeyFunc returning "id:" + the
// authenticated subject, or "" without identity, so per-identity limiting
// that falls back to the client IP is FirstOf(a.SubjectKey, ByIP(IPOptions{})).
type KeyFunc func(*http.Request) (string, error)

// ErrNoKey is the error a Limiter handles when its key function returns an
// empty key.
var ErrNoKey = errors.New("ratelimit: key function returned no key")

// IPOptions configure [ByIP]. The zero value trusts no proxy: the client is
// the connection's peer address.
type IPOptions struct {
	// TrustedProxies are the networks of the reverse proxies in front of the
	// server. Only a peer inside one of them may name the client, through
	// X-Forwarded-For read from the right to the first address outside
	// these networks. X-Real-IP and similar headers are never read.
	TrustedProxies []netip.Prefix
	// MaxForwarded caps the X-Forwarded-For entries examined; 0 means 16.
	MaxForwarded int
	// IPv6PrefixLen groups IPv6 clients by network, 1–128; 0 means 64
	// (one /64 is usually one subscriber, who controls all of it).
	IPv6PrefixLen int
}

// ByIP returns a KeyFunc keyed by client address: the IPv4 address
// (IPv4-mapped IPv6 is folded to IPv4) or the IPv6 network of
// IPv6PrefixLen bits, e.g. "192.0.2.1" or "2001:db8:1:2::/64". A RemoteAddr
// with or without port is accepted; one without an IP address is an error
// (clientip: RemoteAddr holds no IP address). It panics with the error of
// [IPOptions.Validate] if opts is invalid, as a configuration error found at
// start-up.
func ByIP(opts IPOptions) KeyFunc {
	r, err := opts.resolver()
	if err != nil {
		panic(err)
	}
	return r.Key
}

// Validate reports why [ByIP] would refuse opts, as "ratelimit: <Field>:
// <why>", or nil. Call it when trusted proxies or prefix lengths come from
// flags or the environment.
func (opts IPOptions) Validate() error {
	_, err := opts.resolver()
	return err
}

func (opts IPOptions) resolver() (*clientip.Resolver, error) {
	r, err := clientip.New(clientip.Options{
		TrustedProxies: opts.TrustedProxies,
		MaxForwarded:   opts.MaxForwarded,
		IPv6PrefixLen:  opts.IPv6PrefixLen,
	})
	var oe *clientip.OptionError
	if errors.As(err, &oe) {
		return nil, fmt.Errorf("ratelimit: IPOptions.%s: %s", oe.Field, oe.Why)
	}
	return r, err
}

// maxHeaderKey bounds the part of a header value used as a key.
const maxHeaderKey = 256

// ByHeader returns a KeyFunc keyed by the first value of the named request
// header, as "hdr:" + value (at most 256 bytes of it). A missing or empty
// header gives "" so that [FirstOf] falls through. Clients choose header
// values freely: key by a header only when something upstream has verified
// it.
func ByHeader(name string) KeyFunc {
	return func(r *http.Request) (string, error) {
		v := r.Header.Get(name)
		if v == "" {
			return "", nil
		}
		return "hdr:" + v[:min(len(v), maxHeaderKey)], nil
	}
}

// ByRoute returns a KeyFunc keyed by the matched route pattern
// (http.Request.Pattern, set by net/http's ServeMux and by routers that
// follow it), as "route:" + pattern; "" when no pattern was matched yet.
// Join it with another key for per-route limits per client.
func ByRoute() KeyFunc {
	return func(r *http.Request) (string, error) {
		if r.Pattern == "" {
			return "", nil
		}
		return "route:" + r.Pattern, nil
	}
}

// FirstOf returns a KeyFunc that tries keys in order and returns the first
// non-empty key, or "" when all are empty. An error stops the search and is
// returned.
func FirstOf(keys ...KeyFunc) KeyFunc {
	return func(r *http.Request) (string, error) {
		for _, k := range keys {
			if s, err := k(r); err != nil || s != "" {
				return s, err
			}
		}
		return "", nil
	}
}

// Join returns a KeyFunc that combines the keys of all functions, e.g.
// route and client IP for per-route limits per client. Each part is length
// prefixed, so different tuples never produce the same key. If any part is
// empty the result is "" (an incomplete tuple would merge unrelated
// clients); an error is returned as is.
func Join(keys ...KeyFunc) KeyFunc {
	return func(r *http.Request) (string, error) {
		var b strings.Builder
		for _, k := range keys {
			s, err := k(r)
			if err != nil || s == "" {
				return "", err
			}
			b.WriteString(strconv.Itoa(len(s)))
			b.WriteByte(':')
			b.WriteString(s)
		}
		return b.String(), nil
	}
}
