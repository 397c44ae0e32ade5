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
//
// After [Authenticator.Identify] of the same Authenticator, Authenticate
// takes the outcome Identify recorded instead of verifying the credentials
// again, and answers exactly as it would have.
func (a *Authenticator) Authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ok, by, err := a.verifiedIn(r); ok {
			if err == nil {
				next.ServeHTTP(w, r)
				return
			}
			a.write(w, r, a.rj.reject(by, err))
			return
		}
		ctx, by, err := a.verify(r)
		if err == nil {
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

// Identify is a middleware that verifies the request's credentials as
// [Authenticator.Authenticate] does but never rejects: the next handler
// always runs. When credentials were presented it runs with the outcome in
// its context — valid ones make the identity available to [FromContext] and
// [Authenticator.SubjectKey], as after Authenticate; invalid ones, or a
// verifier failure, leave the request anonymous. Without credentials the
// request passes unchanged.
//
// Place it before a rate limiter keyed by SubjectKey and Authenticate after
// the limiter: the credentials are then verified once per request, where
// SubjectKey and Authenticate alone verify them twice. Authenticate of the
// same Authenticator answers from the recorded outcome exactly as it would
// have by verifying (401, 400, 503 …), so requests it rejects are still
// counted by the limiter per client. Another Authenticator ignores the
// outcome and verifies for itself.
func (a *Authenticator) Identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ok, _, _ := a.verifiedIn(r); ok {
			next.ServeHTTP(w, r)
			return
		}
		ctx, by, err := a.verify(r)
		switch {
		case err == nil:
			r = r.WithContext(ctx)
		case !errors.Is(err, ErrNoCredentials):
			r = r.WithContext(&rejectedContext{Context: r.Context(), from: a, by: by, err: err})
		}
		next.ServeHTTP(w, r)
	})
}

// verify checks r's credentials with a's schemes. It returns a child of r's
// context carrying the identity, or the deciding scheme's number and its
// error (ErrNoCredentials and -1 when no scheme found credentials).
func (a *Authenticator) verify(r *http.Request) (*identityContext, int, error) {
	id, by, err := identify(a.rj.schemes, r)
	if err != nil {
		return nil, by, err
	}
	ctx := &identityContext{Context: r.Context(), id: *id, from: a}
	if ctx.id.Scheme == "" {
		ctx.id.Scheme = a.rj.schemes[by].Name()
	}
	return ctx, by, nil
}

// verifiedIn returns the outcome a recorded in r's context by Identify or
// Authenticate (ok): a nil error for an identity, else the deciding scheme's
// number and its error.
func (a *Authenticator) verifiedIn(r *http.Request) (ok bool, by int, err error) {
	switch v := r.Context().Value(verifiedKey{}).(type) {
	case *identityContext:
		return v.from == a, 0, nil
	case *rejectedContext:
		return v.from == a, v.by, v.err
	}
	return false, 0, nil
}
