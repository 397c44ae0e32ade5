package auth_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/fourxx/fourxx/auth"
)

// countingTokens is the tokens verifier counting its calls.
func countingTokens(calls *atomic.Int32) auth.TokenVerifier {
	return func(ctx context.Context, token string) (*auth.Identity, error) {
		calls.Add(1)
		return tokens(ctx, token)
	}
}

// TestIdentifyVerifiesOnce: Identify → SubjectKey → Authenticate answers
// every request exactly as SubjectKey → Authenticate does (status, header,
// body, limiter key), and verifies presented credentials once instead of
// twice.
func TestIdentifyVerifiesOnce(t *testing.T) {
	tests := []struct {
		name, authorization string
		anonymous           bool
		wantStatus          int
		wantCalls           int32 // with Identify; without it, twice as many
	}{
		{"valid", "Bearer good", false, 200, 1},
		{"valid anonymous allowed", "Bearer readonly", true, 200, 1},
		{"invalid", "Bearer forged", false, 401, 1},
		{"expired", "Bearer expired", true, 401, 1},
		{"malformed", "Bearer", false, 400, 0},
		{"backend down", "Bearer down", false, 503, 1},
		{"backend failure", "Bearer boom", false, 500, 1},
		{"none", "", false, 401, 0},
		{"none anonymous", "", true, 200, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answer := func(identify bool) (*httptest.ResponseRecorder, string, int32) {
				var calls atomic.Int32
				rd, _ := newRenderer()
				a := auth.New(auth.Options{Renderer: rd, AllowAnonymous: tt.anonymous, Schemes: []auth.Scheme{
					auth.Bearer(auth.BearerOptions{Realm: "api", Verify: countingTokens(&calls)}),
				}})
				var key string
				h := http.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					key, _ = a.SubjectKey(r)
					a.Authenticate(whoami).ServeHTTP(w, r)
				}))
				if identify {
					h = a.Identify(h)
				}
				r := httptest.NewRequest(http.MethodGet, "/", nil)
				if tt.authorization != "" {
					r.Header.Set("Authorization", tt.authorization)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, r)
				return rec, key, calls.Load()
			}
			want, wantKey, wantCalls := answer(false)
			got, gotKey, gotCalls := answer(true)
			if got.Code != tt.wantStatus || want.Code != tt.wantStatus {
				t.Fatalf("status %d with Identify, %d without; want %d", got.Code, want.Code, tt.wantStatus)
			}
			if got.Body.String() != want.Body.String() || gotKey != wantKey {
				t.Errorf("with Identify: key %q body %s\nwithout: key %q body %s", gotKey, got.Body, wantKey, want.Body)
			}
			if g, w := got.Header().Values("WWW-Authenticate"), want.Header().Values("WWW-Authenticate"); len(g) != len(w) || (len(g) > 0 && g[0] != w[0]) {
				t.Errorf("WWW-Authenticate %q with Identify, %q without", g, w)
			}
			if gotCalls != tt.wantCalls || wantCalls != 2*tt.wantCalls {
				t.Errorf("verifier called %d times with Identify, %d without; want %d and %d", gotCalls, wantCalls, tt.wantCalls, 2*tt.wantCalls)
			}
		})
	}
}

// TestIdentifyOfAnotherAuthenticator: an Authenticator does not take the
// outcome another one recorded; it verifies with its own schemes.
func TestIdentifyOfAnotherAuthenticator(t *testing.T) {
	var calls atomic.Int32
	rd, _ := newRenderer()
	lenient := auth.New(auth.Options{Renderer: rd, Schemes: []auth.Scheme{
		auth.Bearer(auth.BearerOptions{Verify: func(context.Context, string) (*auth.Identity, error) {
			return &auth.Identity{Subject: "anyone"}, nil
		}}),
	}})
	strictAuth := auth.New(auth.Options{Renderer: rd, Schemes: []auth.Scheme{
		auth.Bearer(auth.BearerOptions{Verify: countingTokens(&calls)}),
	}})
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Authorization", "Bearer forged")
	rec := httptest.NewRecorder()
	lenient.Identify(strictAuth.Authenticate(whoami)).ServeHTTP(rec, r)
	if rec.Code != http.StatusUnauthorized || calls.Load() != 1 {
		t.Fatalf("status %d after %d verifications, want 401 after 1", rec.Code, calls.Load())
	}
}
