package auth_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
)

func TestErrorsMatch(t *testing.T) {
	invalid := auth.Invalid("token expired")
	malformed := auth.Malformed("Send the header once.")
	wrapped := fmt.Errorf("lookup: %w", invalid)
	tests := []struct {
		name   string
		err    error
		target error
		want   bool
	}{
		{"invalid_is_sentinel", invalid, auth.ErrInvalidCredentials, true},
		{"wrapped_invalid_is_sentinel", wrapped, auth.ErrInvalidCredentials, true},
		{"invalid_is_not_malformed", invalid, auth.ErrMalformedRequest, false},
		{"malformed_is_sentinel", malformed, auth.ErrMalformedRequest, true},
		{"verifier_error_unwraps_unavailable",
			&auth.VerifierError{Scheme: "Bearer", Err: fmt.Errorf("%w: timeout", auth.ErrUnavailable)}, auth.ErrUnavailable, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errors.Is(tt.err, tt.target); got != tt.want {
				t.Errorf("errors.Is = %v, want %v", got, tt.want)
			}
		})
	}
	var ice *auth.InvalidCredentialsError
	if !errors.As(wrapped, &ice) || ice.Description != "token expired" {
		t.Errorf("errors.As gave %+v", ice)
	}
	verr := &auth.VerifierError{Scheme: "Bearer", Err: errors.New("password=hunter2")}
	if strings.Contains(verr.Error(), "hunter2") {
		t.Errorf("VerifierError text leaks the cause: %s", verr)
	}
}

// A scheme's verifier result is classified the same way for every scheme.
func TestVerifierResultsAreClassified(t *testing.T) {
	nothing := func(context.Context, string) (*auth.Identity, error) { return nil, nil }
	noCreds := func(context.Context, string) (*auth.Identity, error) { return nil, auth.ErrNoCredentials }
	rd, _ := newRenderer()
	tests := []struct {
		name       string
		verify     auth.TokenVerifier
		wantStatus int
	}{
		{"nil_identity_nil_error_is_a_backend_bug_500", nothing, 500},
		{"no_credentials_about_present_token_is_invalid_401", noCreds, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := auth.Bearer(auth.BearerOptions{Verify: tt.verify})
			srv := serve(t, auth.New(auth.Options{Schemes: []auth.Scheme{s}, Renderer: rd}).Authenticate(whoami))
			if res := do(t, srv, "GET", "/", authz("Bearer abc")); res.status != tt.wantStatus {
				t.Errorf("status %d, want %d", res.status, tt.wantStatus)
			}
		})
	}
}

// customScheme is a user-written scheme that answers with a fixed result.
type customScheme struct {
	id  *auth.Identity
	err error
}

func (c customScheme) Name() string                                       { return "Custom" }
func (c customScheme) Expects() string                                    { return "a custom credential" }
func (c customScheme) Authenticate(*http.Request) (*auth.Identity, error) { return c.id, c.err }
func (c customScheme) Challenge(error) errorsx.Challenge {
	return errorsx.Challenge{Scheme: "Custom", Params: []errorsx.Param{{Name: "realm", Value: "x"}}}
}

// Results of user-written schemes are classified like the built-in ones, and
// a raw error's text is still kept out of the response and the log.
func TestCustomSchemeResults(t *testing.T) {
	tests := []struct {
		name       string
		scheme     customScheme
		wantStatus int
		wantBody   string
	}{
		{"identity_gets_scheme_name", customScheme{id: &auth.Identity{Subject: "c"}}, 200, "c via Custom"},
		{"raw_error_is_500", customScheme{err: errors.New(secretBackendText)}, 500, ""},
		{"nil_nil_is_500", customScheme{}, 500, ""},
		{"wrapped_unavailable_is_503", customScheme{err: fmt.Errorf("%w: %s", auth.ErrUnavailable, secretBackendText)}, 503, ""},
		{"invalid_without_description", customScheme{err: auth.ErrInvalidCredentials}, 401, "(invalid credentials). Send a custom credential."},
		{"malformed_without_description", customScheme{err: auth.ErrMalformedRequest}, 400, "malformed; fix it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, logs := newRenderer()
			srv := serve(t, auth.New(auth.Options{Schemes: []auth.Scheme{tt.scheme}, Renderer: rd}).Authenticate(whoami))
			res := do(t, srv, "GET", "/", nil)
			if res.status != tt.wantStatus || !strings.Contains(res.body, tt.wantBody) {
				t.Errorf("got %d %s; want %d with %q", res.status, res.body, tt.wantStatus, tt.wantBody)
			}
			if strings.Contains(res.body+logs.String(), "hunter2") {
				t.Error("error text leaked")
			}
			key, err := auth.New(auth.Options{Schemes: []auth.Scheme{tt.scheme}}).SubjectKey(httptest.NewRequest("GET", "/", nil))
			if (tt.wantStatus >= 500) != (err != nil) || (tt.wantStatus == 200) != (key == "id:c") {
				t.Errorf("SubjectKey = %q, %v", key, err)
			}
		})
	}
}
