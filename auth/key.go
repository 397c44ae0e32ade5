package auth

import (
	"errors"
	"net/http"
)

// SubjectKey is a rate-limit key function (the KeyFunc of package
// ratelimit): it returns "id:" + the subject of the request's identity, or
// "" with a nil error for a request without a valid identity or with an
// empty subject, which tells the limiter to fall back to its own key
// (usually the client IP).
//
// It works on either side of [Authenticator.Authenticate]. After it, the
// identity Authenticate stored in the context is used. Before it — so that
// requests answered with 401 are counted per client too — SubjectKey
// verifies the request's credentials with the Authenticator's schemes,
// exactly as Authenticate will, but never rejects: none, invalid or
// malformed credentials give "". Only a verifier backend failure returns an
// error (a [VerifierError], safe to log).
//
// Placed before Authenticate, the credentials are verified twice per
// request (here and in Authenticate), unless [Authenticator.Identify] runs
// before both: SubjectKey then takes the outcome Identify recorded.
func (a *Authenticator) SubjectKey(r *http.Request) (string, error) {
	if id, ok := FromContext(r.Context()); ok {
		return subjectKey(id), nil
	}
	var id *Identity
	recorded, by, err := a.verifiedIn(r)
	if !recorded {
		id, by, err = identify(a.rj.schemes, r)
	}
	switch {
	case err == nil:
		return subjectKey(id), nil
	case errors.Is(err, ErrNoCredentials), errors.Is(err, ErrInvalidCredentials), errors.Is(err, ErrMalformedRequest):
		return "", nil
	}
	var verr *VerifierError
	if errors.As(err, &verr) {
		return "", verr
	}
	return "", &VerifierError{Scheme: a.rj.schemes[by].Name(), Err: err}
}

func subjectKey(id *Identity) string {
	if id.Subject == "" {
		return ""
	}
	return "id:" + id.Subject
}
