package auth

import (
	"errors"
	"net/http"
)

// Authenticate is a middleware that authenticates each request with the
// Authenticator's schemes and stores the [Identity] in its context
// ([FromContext]).
//
//   - Valid credentials: the next handler runs with the identity; its Scheme
//     is the scheme's name when the verifier left it empty.
//   - No credentials: 401 with one plain challenge per scheme (no error
//     parameter), unless Options.AllowAnonymous is set; then the next
//     handler runs without an identity.
//   - Invalid credentials: 401 with one challenge per scheme, in the order
//     of Options.Schemes: the deciding scheme's carries the rejection (for
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
// header.") and never contain the credentials.
func (a *Authenticator) Authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, by, err := identify(a.rj.schemes, r)
		if err == nil {
			ctx := &identityContext{Context: r.Context(), id: *id}
			if ctx.id.Scheme == "" {
				ctx.id.Scheme = a.rj.schemes[by].Name()
			}
			next.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		if a.anonymous && errors.Is(err, ErrNoCredentials) {
			next.ServeHTTP(w, r)
			return
		}
		a.write(w, r, a.rj.reject(by, err))
	})
}
