package auth

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/httpsyntax"
)

// A TokenVerifier checks a bearer token and returns the identity it grants.
// It returns an error matching [ErrInvalidCredentials] (see [Invalid]) for a
// token that is expired, revoked or otherwise bad, and any other error for a
// backend failure (wrap [ErrUnavailable] for a temporary one). The token is
// syntactically a b64token when the verifier is called.
type TokenVerifier func(ctx context.Context, token string) (*Identity, error)

// BearerOptions configure the [Bearer] scheme.
type BearerOptions struct {
	// Realm is sent as the realm parameter of the challenge; empty omits it.
	Realm string
	// Verify checks the token. Required.
	Verify TokenVerifier
	// AllowQueryToken accepts the token from the access_token query
	// parameter too (RFC 6750 §2.3). Off by default: URLs end up in logs,
	// histories and Referer headers. When on, a token sent both in the
	// header and the query, or twice in the query, is a 400.
	AllowQueryToken bool
}

type bearer struct {
	opts BearerOptions
}

// Bearer returns the RFC 6750 Bearer scheme. It reads the token from the
// Authorization header ("Bearer" matched case-insensitively, then 1*SP and a
// b64token) and, only if AllowQueryToken is set, from access_token in the
// query. A bare "Bearer", a repeated or oversized header, or a token sent
// two ways is a malformed request (400, error="invalid_request"); a token
// that is not a b64token (spaces, non-ASCII, control characters) is invalid
// (401, error="invalid_token", "malformed token"). Bearer panics if
// opts.Verify is nil ("auth: BearerOptions.Verify: …").
func Bearer(opts BearerOptions) Scheme {
	if opts.Verify == nil {
		panic("auth: BearerOptions.Verify: nil; Bearer needs a TokenVerifier to check tokens")
	}
	return &bearer{opts: opts}
}

func (b *bearer) Name() string { return "Bearer" }

func (b *bearer) Expects() string { return "a bearer token in the Authorization header" }

func (b *bearer) Authenticate(r *http.Request) (*Identity, error) {
	token, err := b.token(r)
	if err != nil {
		return nil, err
	}
	if !isB64Token(token) {
		return nil, errMalformedToken
	}
	id, err := b.opts.Verify(r.Context(), token)
	return verified("Bearer", id, err)
}

var (
	errBareBearer     = Malformed("The Authorization header says Bearer but carries no token; send \"Bearer <token>\".")
	errTokenTwoWays   = Malformed("The access token was sent more than one way; send it only in the Authorization header.")
	errQueryTokenBad  = Malformed("The access_token query parameter must appear once with a non-empty value.")
	errMalformedToken = &InvalidCredentialsError{
		Description: "malformed token",
		Detail:      "The bearer token is not well-formed; send the token exactly as it was issued.",
	}
)

// token finds the one bearer token of r.
func (b *bearer) token(r *http.Request) (string, error) {
	scheme, rest, err := authorization(r)
	if err != nil && !errors.Is(err, ErrNoCredentials) {
		return "", err
	}
	fromHeader := err == nil && strings.EqualFold(scheme, "Bearer")
	if fromHeader && rest == "" {
		return "", errBareBearer
	}
	if b.opts.AllowQueryToken {
		if value, n, malformed := queryToken(r.URL.RawQuery); n > 0 {
			switch {
			case fromHeader:
				return "", errTokenTwoWays
			case malformed, n != 1, value == "", len(value) > MaxCredentialsLength:
				return "", errQueryTokenBad
			}
			return value, nil
		}
	}
	if !fromHeader {
		return "", ErrNoCredentials
	}
	return rest, nil
}

// isB64Token reports whether s matches RFC 6750 §2.1
// b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
func isB64Token(s string) bool {
	end := len(s)
	for end > 0 && s[end-1] == '=' {
		end--
	}
	if end == 0 {
		return false
	}
	for i := 0; i < end; i++ {
		if !b64tokenChar[s[i]] {
			return false
		}
	}
	return true
}

// b64tokenChar marks the bytes allowed before the padding of a b64token.
var b64tokenChar = func() (t [256]bool) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/") {
		t[c] = true
	}
	return t
}()

// Challenge returns Bearer [realm] plus, for a rejection, error and
// error_description (RFC 6750 §3): invalid_token for rejected credentials,
// invalid_request for a malformed request, insufficient_scope (with scope
// when scopes are named) for a 403. The description keeps only the
// characters RFC 6750 allows, so it needs no escaping.
func (b *bearer) Challenge(err error) errorsx.Challenge {
	params := realmParams(b.opts.Realm)
	var invalid *InvalidCredentialsError
	var scope *InsufficientScopeError
	switch {
	case err == nil:
	case errors.As(err, &scope):
		params = append(params, errorsx.Param{Name: "error", Value: "insufficient_scope"})
		if len(scope.Scopes) > 0 {
			params = append(params, errorsx.Param{Name: "scope", Value: scopeList(scope.Scopes)})
		}
	case errors.Is(err, ErrMalformedRequest):
		params = append(params, errorsx.Param{Name: "error", Value: "invalid_request"})
	case errors.As(err, &invalid) && httpsyntax.Restricted(invalid.Description) != "":
		params = append(params,
			errorsx.Param{Name: "error", Value: "invalid_token"},
			errorsx.Param{Name: "error_description", Value: httpsyntax.Restricted(invalid.Description)})
	default:
		params = append(params, errorsx.Param{Name: "error", Value: "invalid_token"})
	}
	return errorsx.Challenge{Scheme: "Bearer", Params: params}
}

// scopeList joins scopes with SP, keeping only the characters RFC 6750 §3
// allows in a scope token (%x21 / %x23-5B / %x5D-7E).
func scopeList(scopes []string) string {
	var b strings.Builder
	for _, s := range scopes {
		clean := strings.Map(func(r rune) rune {
			if r == 0x21 || (r >= 0x23 && r <= 0x5b) || (r >= 0x5d && r <= 0x7e) {
				return r
			}
			return -1
		}, s)
		if clean == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(clean)
	}
	return b.String()
}
