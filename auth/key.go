package auth

import (
	"errors"
	"net/http"
)

// SubjectKey is a rate-limit key function: "id:" + the subject of the
// identity that [Authenticate] stored in the request context, or "" (and a
// nil error) for an anonymous request or an empty subject, which tells the
// limiter to fall back to its own key (usually the client IP). Use it for a
// limiter placed after Authenticate.
func SubjectKey(r *http.Request) (string, error) {
	if id, ok := FromContext(r.Context()); ok && id.Subject != "" {
		return "id:" + id.Subject, nil
	}
	return "", nil
}

// VerifiedSubjectKey returns a rate-limit key function for a limiter placed
// before [Authenticate], so that requests answered with 401 are counted per
// client too. It verifies the request's credentials with schemes, exactly as
// Authenticate would, but never rejects: it returns "id:" + subject for
// valid credentials, and "" with a nil error for none, invalid or malformed
// ones (the limiter then keys by its fallback, usually the client IP). Only
// a verifier backend failure returns an error (a [VerifierError], safe to
// log).
//
// The credentials are verified twice per request (here and in
// Authenticate); that is cheap for local verifiers such as auth/jwt, but
// consider the cost for verifiers that call a remote service.
func VerifiedSubjectKey(schemes ...Scheme) func(*http.Request) (string, error) {
	return func(r *http.Request) (string, error) {
		id, by, err := identify(schemes, r)
		switch {
		case err == nil:
			if id.Subject == "" {
				return "", nil
			}
			return "id:" + id.Subject, nil
		case errors.Is(err, ErrNoCredentials), errors.Is(err, ErrInvalidCredentials), errors.Is(err, ErrMalformedRequest):
			return "", nil
		}
		var verr *VerifierError
		if errors.As(err, &verr) {
			return "", verr
		}
		return "", &VerifierError{Scheme: schemes[by].Name(), Err: err}
	}
}
