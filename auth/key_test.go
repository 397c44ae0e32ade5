package auth_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/auth"
)

// TestSubjectKey_afterAuthenticate: with an identity in the context (a
// limiter placed after Authenticate), the key is its subject and the
// credentials are not verified again.
func TestSubjectKey_afterAuthenticate(t *testing.T) {
	verified := 0
	a := auth.New(auth.Options{Schemes: []auth.Scheme{auth.Bearer(auth.BearerOptions{
		Verify: func(ctx context.Context, token string) (*auth.Identity, error) { verified++; return tokens(ctx, token) },
	})}})
	tests := []struct {
		name string
		id   *auth.Identity
		want string
	}{
		{"anonymous", nil, ""},
		{"identity", &auth.Identity{Subject: "alice"}, "id:alice"},
		{"empty_subject", &auth.Identity{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r = r.WithContext(auth.NewContext(r.Context(), tt.id))
			got, err := a.SubjectKey(r)
			if got != tt.want || err != nil {
				t.Errorf("SubjectKey = %q, %v; want %q, nil", got, err, tt.want)
			}
		})
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Authorization", "Bearer readonly")
	r = r.WithContext(auth.NewContext(r.Context(), &auth.Identity{Subject: "alice"}))
	if got, _ := a.SubjectKey(r); got != "id:alice" || verified != 0 {
		t.Errorf("SubjectKey = %q after %d verifications; want the context's id:alice and none", got, verified)
	}
}

// TestSubjectKey_beforeAuthenticate: without an identity in the context (a
// limiter placed before Authenticate), the credentials are verified and
// never rejected.
func TestSubjectKey_beforeAuthenticate(t *testing.T) {
	a := auth.New(auth.Options{Schemes: []auth.Scheme{
		auth.Basic(auth.BasicOptions{Verify: auth.BasicCredentials(map[string]string{"bob": "pw"})}),
		auth.Bearer(auth.BearerOptions{Verify: tokens}),
	}})
	tests := []struct {
		name        string
		auth        []string
		want        string
		wantBackend bool
	}{
		{"valid_bearer", []string{"Bearer good"}, "id:alice", false},
		{"valid_basic", []string{basicCreds("bob:pw")}, "id:bob", false},
		{"none", nil, "", false},
		{"invalid", []string{"Bearer expired"}, "", false},
		{"wrong_password", []string{basicCreds("bob:nope")}, "", false},
		{"malformed", []string{"Bearer"}, "", false},
		{"two_headers", []string{"Bearer good", "Bearer good"}, "", false},
		{"backend_failure", []string{"Bearer boom"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.Header["Authorization"] = tt.auth
			got, err := a.SubjectKey(r)
			if got != tt.want {
				t.Errorf("key = %q, want %q", got, tt.want)
			}
			var verr *auth.VerifierError
			if tt.wantBackend != errors.As(err, &verr) {
				t.Errorf("err = %v, want backend error: %v", err, tt.wantBackend)
			}
		})
	}
}

func TestStaticTokens(t *testing.T) {
	verify := auth.StaticTokens(map[string]auth.Identity{
		"t-read":  {Subject: "reader", Scopes: []string{"read"}},
		"t-admin": {Subject: "admin", Roles: []string{"admin"}},
	})
	tests := []struct {
		token, subject string
		invalid        bool
	}{
		{"t-read", "reader", false},
		{"t-admin", "admin", false},
		{"t-rea", "", true},
		{"", "", true},
		{strings.Repeat("x", 9000), "", true},
	}
	for _, tt := range tests {
		id, err := verify(context.Background(), tt.token)
		if tt.invalid {
			if !errors.Is(err, auth.ErrInvalidCredentials) || id != nil {
				t.Errorf("%.10q: %v %v", tt.token, id, err)
			}
			continue
		}
		if err != nil || id.Subject != tt.subject {
			t.Errorf("%q: %v %v", tt.token, id, err)
		}
	}
	a, _ := verify(context.Background(), "t-read")
	a.Subject = "changed"
	b, _ := verify(context.Background(), "t-read")
	if b.Subject != "reader" {
		t.Error("identity shared between calls")
	}
}
