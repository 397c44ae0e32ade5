package auth

import (
	"errors"
	"net/http"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// AuthenticateOptions configure [Authenticate].
type AuthenticateOptions struct {
	// Schemes are tried in order; the first that finds credentials in the
	// request decides. Their challenges are sent in this order, one
	// WWW-Authenticate line each, so list the best-supported scheme (Basic
	// for browsers) first. At least one is required.
	Schemes []Scheme
	// AllowAnonymous lets a request that carries no credentials for any
	// scheme through without an identity, so public routes and rate limiting
	// by identity can share one chain. Invalid or malformed credentials are
	// still rejected: a client that sent them wants to be authenticated.
	AllowAnonymous bool
	// RetryAfter is the delay announced with the 503 sent when a verifier
	// fails with [ErrUnavailable]. Zero means [DefaultRetryAfter].
	RetryAfter time.Duration
	// Renderer writes the rejections; nil means errorsx.Default().
	Renderer *errorsx.Renderer
}

// Authenticate returns a middleware that authenticates each request with
// opts.Schemes and stores the [Identity] in its context ([FromContext]).
//
//   - Valid credentials: the next handler runs with the identity; its Scheme
//     is the scheme's name when the verifier left it empty.
//   - No credentials: 401 with one plain challenge per scheme (no error
//     parameter), unless AllowAnonymous is set.
//   - Invalid credentials: 401 with one challenge per scheme, in the order
//     of opts.Schemes: the deciding scheme's carries the rejection (for
//     Bearer error="invalid_token" and the description), the others are
//     plain.
//   - Malformed request: 400 with each scheme's challenge for it (for
//     Bearer error="invalid_request").
//   - Verifier failure: 503 with Retry-After when the error wraps
//     [ErrUnavailable], else 500. The client gets a generic detail and the
//     log gets a [VerifierError], whose text names only the scheme and the
//     error's Go type.
//
// Problem details say what to do ("Send a bearer token in the Authorization
// header.") and never contain the credentials. Authenticate panics if
// opts.Schemes is empty.
func Authenticate(opts AuthenticateOptions) func(http.Handler) http.Handler {
	rj := newRejecter("auth.Authenticate", opts.Schemes, opts.RetryAfter)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id, by, err := identify(rj.schemes, r)
			if err == nil {
				ctx := &identityContext{Context: r.Context(), id: *id}
				if ctx.id.Scheme == "" {
					ctx.id.Scheme = rj.schemes[by].Name()
				}
				next.ServeHTTP(w, r.WithContext(ctx))
				return
			}
			if opts.AllowAnonymous && errors.Is(err, ErrNoCredentials) {
				next.ServeHTTP(w, r)
				return
			}
			rendererOrDefault(opts.Renderer).Write(w, r, rj.reject(by, err))
		})
	}
}
