package jwt

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"
)

// Options configure a [Verifier]. Give either Key (one static key) or
// KeySetURL (a JWK Set whose keys rotate), not both.
type Options struct {
	// Key verifies signatures and fixes the one accepted algorithm:
	// []byte → HS256 (at least 32 bytes, RFC 7518 §3.2), *rsa.PublicKey →
	// RS256 (at least 2048 bits), *ecdsa.PublicKey on P-256 → ES256,
	// ed25519.PublicKey → EdDSA.
	Key any
	// KeySetURL is the address of a JWK Set (RFC 7517 §5), such as an
	// OpenID provider's jwks_uri. A token names its key with the "kid"
	// header parameter (a token without kid is tried against every key of
	// the set); each key verifies only the algorithm its type fixes, with
	// the strength rules of Key. New fetches the set once and fails when it
	// cannot; later fetches happen every RefreshInterval and when a token
	// names a kid the set lacks (at most once per RefreshCooldown). While
	// the last fetch failed, a token whose key is not cached is answered
	// with auth.ErrUnavailable (a 503), not as invalid credentials.
	KeySetURL string
	// KeySetClient fetches the key set. Nil means a client with a
	// 10-second Timeout; the client's Timeout, when set, bounds each fetch.
	KeySetClient *http.Client
	// RefreshInterval is the time between background fetches of the key
	// set. Zero means one hour.
	RefreshInterval time.Duration
	// RefreshCooldown is the least time between two fetches triggered by
	// unknown kids, so a flood of tokens with made-up kids costs the key
	// set's server at most one request per cooldown. Zero means five
	// minutes. A token with an unknown kid that arrives during a cooldown
	// waits for the next fetch's turn only when that turn comes within the
	// fetch timeout; otherwise it is rejected at once. With the defaults
	// (five minutes, ten seconds) nearly all such tokens are rejected at
	// once; a cooldown shorter than the fetch timeout makes them queue.
	RefreshCooldown time.Duration
	// Logger receives the failures of key set fetches, at ERROR. Nil means
	// slog.Default().
	Logger *slog.Logger
	// Issuer, when set, must equal the "iss" claim.
	Issuer string
	// Audience, when set, must be one of the "aud" values.
	Audience string
	// Leeway is the clock skew tolerated for "exp", "nbf" and "iat".
	Leeway time.Duration
	// RolesClaim names the claim holding roles (an array of strings or a
	// space-separated string). Empty means "roles".
	RolesClaim string
	// Now returns the current time; nil means time.Now. For tests.
	Now func() time.Time
}

// Validate reports what is wrong with opts, as "jwt: <Field>: <why>", or
// nil. [New] calls it; call it yourself to check options read from flags or
// the environment before building anything.
func (opts Options) Validate() error {
	switch {
	case opts.Key != nil && opts.KeySetURL != "":
		return errors.New("jwt: Key: set Key or KeySetURL, not both")
	case opts.Key == nil && opts.KeySetURL == "":
		return errors.New("jwt: Key: nil; give a key, or a KeySetURL for keys that rotate")
	case opts.Key != nil:
		if _, err := algorithmFor(opts.Key); err != nil {
			return fmt.Errorf("jwt: Key: %w", err)
		}
	default:
		if u, err := url.Parse(opts.KeySetURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fmt.Errorf("jwt: KeySetURL: %q is not an absolute http or https URL", opts.KeySetURL)
		}
	}
	for _, d := range []struct {
		field string
		v     time.Duration
	}{{"RefreshInterval", opts.RefreshInterval}, {"RefreshCooldown", opts.RefreshCooldown}, {"Leeway", opts.Leeway}} {
		if d.v < 0 {
			return fmt.Errorf("jwt: %s: %v is negative", d.field, d.v)
		}
	}
	return nil
}

// algorithmFor returns the only algorithm key may verify, or why it may
// verify none.
func algorithmFor(key any) (string, error) {
	switch k := key.(type) {
	case []byte:
		if len(k) < 32 {
			return "", fmt.Errorf("HS256 secret has %d bytes, need at least 32", len(k))
		}
		return "HS256", nil
	case *rsa.PublicKey:
		if k == nil || k.N == nil {
			return "", errors.New("nil RSA public key")
		}
		if k.N.BitLen() < 2048 {
			return "", fmt.Errorf("RSA key has %d bits, need at least 2048", k.N.BitLen())
		}
		return "RS256", nil
	case *ecdsa.PublicKey:
		if k == nil {
			return "", errors.New("nil ECDSA public key")
		}
		if k.Curve != elliptic.P256() {
			return "", errors.New("ES256 needs an ECDSA key on P-256")
		}
		return "ES256", nil
	case ed25519.PublicKey:
		if len(k) != ed25519.PublicKeySize {
			return "", errors.New("malformed Ed25519 public key")
		}
		return "EdDSA", nil
	default:
		return "", fmt.Errorf("unsupported key type %T; give a []byte secret or an RSA, P-256 ECDSA or Ed25519 public key", key)
	}
}
