package auth

import (
	"context"
	"fmt"
	"net/http"
	"net/textproto"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/httpsyntax"
)

// A KeyVerifier checks an API key and returns the identity it belongs to.
// It returns an error matching [ErrInvalidCredentials] for an unknown or
// revoked key, any other error for a backend failure. [StaticKeys] builds
// one over a fixed table with constant-time comparison.
type KeyVerifier func(ctx context.Context, key string) (*Identity, error)

// APIKeyOptions configure the [APIKey] scheme.
type APIKeyOptions struct {
	// Header is the request header carrying the key. Empty means
	// "X-API-Key".
	Header string
	// Realm is sent as the realm parameter of the challenge; empty omits it.
	Realm string
	// Verify checks the key. Required.
	Verify KeyVerifier
}

type apiKey struct {
	header string // canonical
	opts   APIKeyOptions
	// The malformed-request errors, prepared for the configured header.
	repeated, oversized, empty error
}

// APIKey returns a scheme reading an API key from a request header
// (X-API-Key unless configured).
//
// No standard defines an auth-scheme for API keys, yet a 401 MUST carry a
// challenge (RFC 9110 §11.6.1). Its challenge is therefore
//
//	APIKey realm="…", header="X-API-Key"
//
// a syntactically valid challenge (token scheme, quoted auth-params) that
// names the header to use, which is what a client needs to recover. Clients
// ignore schemes they do not know, so listing it next to Bearer or Basic
// does not disturb them.
//
// A repeated, empty or oversized key header is a 400; a key with characters
// other than visible ASCII is rejected as invalid (401) without calling
// Verify. APIKey panics ("auth: APIKeyOptions.<Field>: …") if opts.Verify
// is nil or opts.Header is not a valid field name.
func APIKey(opts APIKeyOptions) Scheme {
	if opts.Verify == nil {
		panic("auth: APIKeyOptions.Verify: nil; APIKey needs a KeyVerifier to check keys")
	}
	if opts.Header == "" {
		opts.Header = "X-API-Key"
	}
	if !httpsyntax.IsToken(opts.Header) {
		panic(fmt.Sprintf("auth: APIKeyOptions.Header: %q is not a valid header field name", opts.Header))
	}
	return &apiKey{
		header:    textproto.CanonicalMIMEHeaderKey(opts.Header),
		opts:      opts,
		repeated:  Malformed("The " + opts.Header + " header was sent more than once; send it once."),
		oversized: Malformed("The " + opts.Header + " header is longer than 8 KiB; send the key as issued."),
		empty:     Malformed("The " + opts.Header + " header is empty; send a key in it or omit it."),
	}
}

func (k *apiKey) Name() string { return "APIKey" }

func (k *apiKey) Expects() string { return "an API key in the " + k.opts.Header + " header" }

var errMalformedKey = Invalid("malformed API key")

func (k *apiKey) Authenticate(r *http.Request) (*Identity, error) {
	lines := r.Header[k.header]
	switch {
	case len(lines) == 0:
		return nil, ErrNoCredentials
	case len(lines) > 1:
		return nil, k.repeated
	case len(lines[0]) > MaxCredentialsLength:
		return nil, k.oversized
	}
	key := trimSpace(lines[0])
	if key == "" {
		return nil, k.empty
	}
	for i := 0; i < len(key); i++ {
		if key[i] <= 0x20 || key[i] >= 0x7f {
			return nil, errMalformedKey
		}
	}
	id, err := k.opts.Verify(r.Context(), key)
	return verified("APIKey", id, err)
}

// Challenge returns APIKey [realm="…", ]header="…" for a 401 and none for a
// 403.
func (k *apiKey) Challenge(err error) errorsx.Challenge {
	if _, ok := err.(*InsufficientScopeError); ok {
		return errorsx.Challenge{}
	}
	params := append(realmParams(k.opts.Realm), errorsx.Param{Name: "header", Value: k.opts.Header})
	return errorsx.Challenge{Scheme: "APIKey", Params: params}
}

// StaticKeys returns a [KeyVerifier] over a fixed table of key → subject.
// A presented key is hashed once and compared with every entry's digest in
// constant time, so the time taken does not depend on which key, if any,
// matched. An unknown key gives [Invalid]("unknown API key"). The map is
// copied.
func StaticKeys(keys map[string]string) KeyVerifier {
	ids := make(map[string]Identity, len(keys))
	for key, subject := range keys {
		ids[key] = Identity{Subject: subject, Scheme: "APIKey"}
	}
	return KeyVerifier(newSecretTable(ids, Invalid("unknown API key")).verify)
}
