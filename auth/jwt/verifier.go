package jwt

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fourxx/fourxx/auth"
	gojwt "github.com/golang-jwt/jwt/v5"
)

// Options configure a [Verifier].
type Options struct {
	// Key verifies signatures and fixes the one accepted algorithm:
	// []byte → HS256 (at least 32 bytes, RFC 7518 §3.2), *rsa.PublicKey →
	// RS256 (at least 2048 bits), *ecdsa.PublicKey on P-256 → ES256,
	// ed25519.PublicKey → EdDSA. Required.
	Key any
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

// A Verifier checks JWTs. It is safe for concurrent use.
type Verifier struct {
	key        any
	parser     *gojwt.Parser
	rolesClaim string
}

// New returns a Verifier for opts, or an error when the key is missing, of
// an unsupported type, or too weak.
func New(opts Options) (*Verifier, error) {
	alg, err := algorithmFor(opts.Key)
	if err != nil {
		return nil, err
	}
	parserOpts := []gojwt.ParserOption{
		gojwt.WithValidMethods([]string{alg}),
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
	if opts.RolesClaim == "" {
		opts.RolesClaim = "roles"
	}
	return &Verifier{key: opts.Key, parser: gojwt.NewParser(parserOpts...), rolesClaim: opts.RolesClaim}, nil
}

// algorithmFor returns the only algorithm key may verify.
func algorithmFor(key any) (string, error) {
	switch k := key.(type) {
	case nil:
		return "", errors.New("jwt: Options.Key is nil")
	case []byte:
		if len(k) < 32 {
			return "", fmt.Errorf("jwt: HS256 secret has %d bytes, need at least 32", len(k))
		}
		return "HS256", nil
	case *rsa.PublicKey:
		if k == nil || k.N == nil {
			return "", errors.New("jwt: Options.Key is a nil RSA public key")
		}
		if k.N.BitLen() < 2048 {
			return "", fmt.Errorf("jwt: RSA key has %d bits, need at least 2048", k.N.BitLen())
		}
		return "RS256", nil
	case *ecdsa.PublicKey:
		if k == nil {
			return "", errors.New("jwt: Options.Key is a nil ECDSA public key")
		}
		if k.Curve != elliptic.P256() {
			return "", errors.New("jwt: ES256 needs an ECDSA key on P-256")
		}
		return "ES256", nil
	case ed25519.PublicKey:
		if len(k) != ed25519.PublicKeySize {
			return "", errors.New("jwt: malformed Ed25519 public key")
		}
		return "EdDSA", nil
	default:
		return "", fmt.Errorf("jwt: unsupported key type %T; give a []byte secret or an RSA, P-256 ECDSA or Ed25519 public key", key)
	}
}

// Verify checks token and returns its identity. It has the signature of
// auth.TokenVerifier: pass v.Verify to auth.BearerOptions.
//
// A token that fails any check yields an error matching
// auth.ErrInvalidCredentials whose description is one of "token expired",
// "token not yet valid", "token used before issued", "invalid signature",
// "wrong issuer", "wrong audience", "missing required claim", "malformed
// token", "unsupported critical header", "token has no subject" or "invalid
// token". Verify never returns
// a backend error.
func (v *Verifier) Verify(_ context.Context, token string) (*auth.Identity, error) {
	claims := gojwt.MapClaims{}
	if _, err := v.parser.ParseWithClaims(token, claims, v.keyFunc); err != nil {
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

func (v *Verifier) keyFunc(t *gojwt.Token) (any, error) {
	if _, ok := t.Header["crit"]; ok {
		return nil, errCritical
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
