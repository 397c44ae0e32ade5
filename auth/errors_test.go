package auth_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/auth"
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
			srv := serve(t, auth.Authenticate(auth.AuthenticateOptions{Schemes: []auth.Scheme{s}, Renderer: rd})(whoami))
			if res := do(t, srv, "GET", "/", authz("Bearer abc")); res.status != tt.wantStatus {
				t.Errorf("status %d, want %d", res.status, tt.wantStatus)
			}
		})
	}
}
