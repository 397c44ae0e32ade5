package auth

import (
	"net/http"

	"github.com/fourxx/fourxx/errorsx"
)

// A Scheme extracts and verifies one kind of credentials. [Bearer], [Basic]
// and [APIKey] build the standard ones; implement it for others. Methods
// must be safe for concurrent use.
type Scheme interface {
	// Name is the authentication scheme, e.g. "Bearer". Authenticate stores
	// it in Identity.Scheme when the identity has none, and Require uses it
	// to find the scheme of an identity.
	Name() string
	// Authenticate returns the identity the request's credentials prove, or
	// an error: [ErrNoCredentials] when the request carries none for this
	// scheme, one matching [ErrInvalidCredentials] or [ErrMalformedRequest],
	// or any other error for a backend failure.
	Authenticate(r *http.Request) (*Identity, error)
	// Challenge returns the WWW-Authenticate challenge for a rejection. err
	// is nil when no credentials were presented, or what the rejection is
	// about: an error matching ErrInvalidCredentials or ErrMalformedRequest,
	// or an *InsufficientScopeError for a 403. A zero Challenge (empty
	// Scheme) means "send none"; it is allowed only for a 403.
	Challenge(err error) errorsx.Challenge
	// Expects describes the credentials the scheme accepts and where, as a
	// noun phrase completing "Send …", e.g. "a bearer token in the
	// Authorization header". It is used in problem details.
	Expects() string
}

// MaxCredentialsLength is the longest Authorization (or API key header)
// value the built-in schemes accept: 8 KiB. A longer value is answered with
// 400 (a malformed request the client must fix) rather than 431, because the
// field, not the header section, is at fault and because RFC 6750 asks for
// invalid_request on a malformed Bearer request.
const MaxCredentialsLength = 8 << 10

// authorization returns the auth-scheme and the rest of the request's single
// Authorization field line. It fails with ErrNoCredentials when the field is
// absent and with a *MalformedRequestError when it is repeated, oversized,
// or empty.
func authorization(r *http.Request) (scheme, rest string, err error) {
	lines := r.Header["Authorization"]
	switch {
	case len(lines) == 0:
		return "", "", ErrNoCredentials
	case len(lines) > 1:
		return "", "", errRepeatedAuthorization
	}
	v := lines[0]
	if len(v) > MaxCredentialsLength {
		return "", "", errOversizedAuthorization
	}
	v = trimSpace(v)
	if v == "" {
		return "", "", errEmptyAuthorization
	}
	i := 0
	for i < len(v) && v[i] != ' ' {
		i++
	}
	scheme = v[:i]
	for i < len(v) && v[i] == ' ' {
		i++
	}
	return scheme, v[i:], nil
}

var (
	errRepeatedAuthorization  = Malformed("The Authorization header was sent more than once; send it once.")
	errOversizedAuthorization = Malformed("The Authorization header is longer than 8 KiB; send shorter credentials.")
	errEmptyAuthorization     = Malformed("The Authorization header is empty; send credentials in it or omit it.")
)

// trimSpace removes leading and trailing SP and HTAB (RFC 9110 OWS).
func trimSpace(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// realmParams returns the realm parameter, or none for an empty realm.
func realmParams(realm string) []errorsx.Param {
	if realm == "" {
		return nil
	}
	return []errorsx.Param{{Name: "realm", Value: realm}}
}
