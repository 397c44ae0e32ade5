package jwt

import (
	"context"
	"errors"
	"strings"

	"github.com/fourxx/fourxx/auth"
	gojwt "github.com/golang-jwt/jwt/v5"
)

// A Verifier checks JWTs. It is safe for concurrent use.
type Verifier struct {
	key        any     // the static key, or nil
	set        *keySet // the rotating key set, or nil
	parser     *gojwt.Parser
	rolesClaim string
}

// New returns a Verifier for opts, or the error of [Options.Validate], or,
// for a KeySetURL, the error of its first fetch. A Verifier over a key set
// refreshes it in the background until [Verifier.Close].
func New(opts Options) (*Verifier, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	v := &Verifier{key: opts.Key, rolesClaim: opts.RolesClaim}
	if v.rolesClaim == "" {
		v.rolesClaim = "roles"
	}
	methods := []string{"HS256", "RS256", "ES256", "EdDSA"} // keySet.key narrows each key to one
	if opts.Key != nil {
		alg, _ := algorithmFor(opts.Key)
		methods = []string{alg}
	} else {
		set, err := newKeySet(opts)
		if err != nil {
			return nil, err
		}
		v.set = set
	}
	parserOpts := []gojwt.ParserOption{
		gojwt.WithValidMethods(methods),
		gojwt.WithExpirationRequired(),
		gojwt.WithIssuedAt(),
		gojwt.WithLeeway(opts.Leeway),
	}
	if opts.Issuer != "" {
		parserOpts = append(parserOpts, gojwt.WithIssuer(opts.Issuer))
	}
	if opts.Audience != "" {
		parserOpts = append(parserOpts, gojwt.WithAudience(opts.Audience))
	}
	if opts.Now != nil {
		parserOpts = append(parserOpts, gojwt.WithTimeFunc(opts.Now))
	}
	v.parser = gojwt.NewParser(parserOpts...)
	return v, nil
}

// Close stops the background refresh of a key set. The Verifier keeps
// verifying with the keys it holds, and fetches again on an unknown kid.
// For a static key it does nothing.
func (v *Verifier) Close() {
	if v.set != nil {
		v.set.close()
	}
}

// Verify checks token and returns its identity. It has the signature of
// auth.TokenVerifier: pass v.Verify to auth.BearerOptions.
//
// A token that fails any check yields an error matching
// auth.ErrInvalidCredentials whose description is one of "token expired",
// "token not yet valid", "token used before issued", "invalid signature",
// "wrong issuer", "wrong audience", "missing required claim", "malformed
// token", "unsupported critical header", "unknown signing key", "token has
// no subject" or "invalid token". The one backend error is for a key set:
// when a token's key is not cached and the last fetch of the set failed,
// Verify returns an error wrapping auth.ErrUnavailable (auth.Bearer answers
// it with 503 and Retry-After), since the key may well exist.
func (v *Verifier) Verify(ctx context.Context, token string) (*auth.Identity, error) {
	claims := gojwt.MapClaims{}
	if _, err := v.parser.ParseWithClaims(token, claims, func(t *gojwt.Token) (any, error) { return v.keyFor(ctx, t) }); err != nil {
		if errors.Is(err, auth.ErrUnavailable) {
			return nil, errKeySetDown
		}
		return nil, rejection(err)
	}
	sub, _ := claims["sub"].(string)
	if sub == "" {
		return nil, errNoSubject
	}
	return &auth.Identity{
		Subject: sub,
		Scopes:  scopes(claims),
		Roles:   stringList(claims[v.rolesClaim]),
		Scheme:  "Bearer",
		Claims:  claims,
	}, nil
}

// keyFor returns the key that verifies t: the static key, or the key set's
// key for t's kid.
func (v *Verifier) keyFor(ctx context.Context, t *gojwt.Token) (any, error) {
	if _, ok := t.Header["crit"]; ok {
		return nil, errCritical
	}
	if v.set != nil {
		return v.set.key(ctx, t)
	}
	return v.key, nil
}

// errCritical refuses a token whose JOSE header has "crit": RFC 7515
// §4.1.11 requires rejecting a JWS whose critical extensions the recipient
// does not understand, and the Verifier understands none.
var errCritical = errors.New("jwt: unsupported critical header parameter")

var errNoSubject = auth.Invalid("token has no subject")

// rejections maps the library's errors to rejections with safe
// descriptions.
var rejections = []struct {
	cause, rejection error
}{
	{errCritical, auth.Invalid("unsupported critical header")},
	{errUnknownKey, auth.Invalid("unknown signing key")},
	{gojwt.ErrTokenMalformed, auth.Invalid("malformed token")},
	{gojwt.ErrTokenSignatureInvalid, auth.Invalid("invalid signature")},
	{gojwt.ErrTokenUnverifiable, auth.Invalid("invalid signature")},
	{gojwt.ErrTokenExpired, &auth.InvalidCredentialsError{
		Description: "token expired",
		Detail:      "The access token expired; obtain a new one.",
	}},
	{gojwt.ErrTokenNotValidYet, auth.Invalid("token not yet valid")},
	{gojwt.ErrTokenUsedBeforeIssued, auth.Invalid("token used before issued")},
	{gojwt.ErrTokenInvalidIssuer, auth.Invalid("wrong issuer")},
	{gojwt.ErrTokenInvalidAudience, auth.Invalid("wrong audience")},
	{gojwt.ErrTokenRequiredClaimMissing, auth.Invalid("missing required claim")},
}

var errInvalidToken = auth.Invalid("invalid token")

func rejection(err error) error {
	for _, r := range rejections {
		if errors.Is(err, r.cause) {
			return r.rejection
		}
	}
	return errInvalidToken
}

// scopes reads "scope" (a space-separated string, RFC 8693 §4.2) or, when it
// is absent, "scp" (an array of strings or a space-separated string).
func scopes(claims gojwt.MapClaims) []string {
	if s, ok := claims["scope"]; ok {
		return stringList(s)
	}
	return stringList(claims["scp"])
}

// stringList reads a claim that is an array of strings or a space-separated
// string. Other values give nil.
func stringList(v any) []string {
	switch t := v.(type) {
	case string:
		return strings.Fields(t)
	case []any:
		out := make([]string, 0, len(t))
		for _, e := range t {
			if s, ok := e.(string); ok && s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
