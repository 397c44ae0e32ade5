package auth

import (
	"errors"
	"fmt"
)

// The outcomes a [Scheme] reports besides success. Match them with
// errors.Is; anything a scheme or verifier returns that matches none of
// them is a backend failure (500, or 503 for [ErrUnavailable]).
var (
	// ErrNoCredentials means the request carries no credentials for the
	// scheme. Authenticate then tries the next scheme, and answers 401 with
	// plain challenges (no error parameter) when none had credentials.
	ErrNoCredentials = errors.New("auth: no credentials")
	// ErrInvalidCredentials means credentials were presented and rejected
	// (expired, revoked, wrong password). Returned errors that match it are
	// usually an *InvalidCredentialsError carrying a safe description.
	ErrInvalidCredentials = errors.New("auth: invalid credentials")
	// ErrMalformedRequest means the request itself is malformed (a bare
	// "Bearer", two Authorization lines, a token sent two ways). Returned
	// errors that match it are usually a *MalformedRequestError.
	ErrMalformedRequest = errors.New("auth: malformed request")
	// ErrUnavailable marks a temporary backend failure of a verifier
	// (introspection endpoint down, database timeout): wrap it, e.g.
	// fmt.Errorf("%w: %w", auth.ErrUnavailable, err), and the client gets
	// 503 with Retry-After instead of 500.
	ErrUnavailable = errors.New("auth: verifier backend unavailable")
)

// An InvalidCredentialsError rejects presented credentials. It matches
// [ErrInvalidCredentials] with errors.Is.
type InvalidCredentialsError struct {
	// Description is a short reason the client can act on, e.g. "token
	// expired". It is sent to the client (as Bearer error_description and in
	// the problem detail), so it must never contain the credentials or
	// internal error text.
	Description string
	// Detail, when set, replaces the default problem detail: a full sentence
	// saying what to do, e.g. "The access token expired; obtain a new one."
	Detail string
}

// Invalid returns an *InvalidCredentialsError with the given client-safe
// description.
func Invalid(description string) error {
	return &InvalidCredentialsError{Description: description}
}

// Error describes the rejection for logs; it holds only the description.
func (e *InvalidCredentialsError) Error() string {
	return "auth: invalid credentials: " + e.Description
}

// Is makes errors.Is(e, ErrInvalidCredentials) true.
func (e *InvalidCredentialsError) Is(target error) bool { return target == ErrInvalidCredentials }

// A MalformedRequestError rejects a malformed request with 400. It matches
// [ErrMalformedRequest] with errors.Is.
type MalformedRequestError struct {
	// Description is a sentence that says what is wrong and what to do,
	// sent as the problem detail, e.g. "Send the Authorization header once."
	Description string
}

// Malformed returns a *MalformedRequestError with the given client-safe
// description.
func Malformed(description string) error {
	return &MalformedRequestError{Description: description}
}

// Error describes the malformed request for logs.
func (e *MalformedRequestError) Error() string {
	return "auth: malformed request: " + e.Description
}

// Is makes errors.Is(e, ErrMalformedRequest) true.
func (e *MalformedRequestError) Is(target error) bool { return target == ErrMalformedRequest }

// An InsufficientScopeError is what [Authenticator.Require] hands to [Scheme.Challenge]
// when a known identity lacks permission (403). Scopes lists the scopes the
// resource needs, empty when the refusal is about roles or a predicate.
type InsufficientScopeError struct {
	Scopes []string // the scopes the resource needs
}

// Error names the scopes the resource needs.
func (e *InsufficientScopeError) Error() string {
	return fmt.Sprintf("auth: insufficient scope, need %q", e.Scopes)
}

// A VerifierError reports a backend failure of a scheme's verifier. Its
// Error text names only the scheme and the Go type of the failure, so it is
// safe to log; the original error is reachable with errors.Unwrap/As for
// code that knows it is harmless.
type VerifierError struct {
	// Scheme names the scheme whose verifier failed, e.g. "Bearer".
	Scheme string
	// Err is the verifier's own error; it may hold secrets or internals.
	Err error
}

// Error names the scheme and the Go type of the failure, never its text.
func (e *VerifierError) Error() string {
	return fmt.Sprintf("auth: %s verifier failed (%T)", e.Scheme, e.Err)
}

// Unwrap returns the verifier's own error.
func (e *VerifierError) Unwrap() error { return e.Err }

// errNoIdentity is the failure of a verifier that returns neither an
// identity nor an error.
var errNoIdentity = errors.New("verifier returned no identity and no error")

// verified checks a verifier's answer: an identity, or an error classified
// as invalid credentials, a malformed request or a backend failure. A
// verifier answering ErrNoCredentials about credentials that were present
// is taken to reject them.
func verified(scheme string, id *Identity, err error) (*Identity, error) {
	switch {
	case err == nil && id != nil:
		return id, nil
	case err == nil:
		return nil, &VerifierError{Scheme: scheme, Err: errNoIdentity}
	case errors.Is(err, ErrInvalidCredentials), errors.Is(err, ErrMalformedRequest):
		return nil, err
	case errors.Is(err, ErrNoCredentials):
		return nil, Invalid("credentials rejected")
	default:
		return nil, &VerifierError{Scheme: scheme, Err: err}
	}
}
