package jwt_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/auth/jwt"
	"github.com/fourxx/fourxx/errorsx"
	gojwt "github.com/golang-jwt/jwt/v5"
)

var (
	now       = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	hmacKey   = []byte("0123456789abcdef0123456789abcdef")
	rsaKey    = mustRSA()
	ecKey     = mustEC()
	edPub, ed = mustEd()
)

func mustRSA() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
}

func mustEC() *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	return k
}

func mustEd() (ed25519.PublicKey, ed25519.PrivateKey) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	return pub, priv
}

// claims returns valid claims, changed by edits.
func claims(edits ...func(gojwt.MapClaims)) gojwt.MapClaims {
	c := gojwt.MapClaims{
		"sub": "alice", "iss": "https://issuer.example", "aud": "orders",
		"iat": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix(),
		"scope": "orders:read orders:write", "roles": []any{"admin"},
	}
	for _, e := range edits {
		e(c)
	}
	return c
}

func sign(t testing.TB, method gojwt.SigningMethod, key any, c gojwt.MapClaims) string {
	t.Helper()
	s, err := gojwt.NewWithClaims(method, c).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return remember(s)
}

func newVerifier(t testing.TB, key any) *jwt.Verifier {
	t.Helper()
	v, err := jwt.New(jwt.Options{
		Key: key, Issuer: "https://issuer.example", Audience: "orders",
		Leeway: 30 * time.Second, Now: func() time.Time { return now },
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestVerify_algorithms(t *testing.T) {
	tests := []struct {
		name   string
		verify any
		method gojwt.SigningMethod
		sign   any
	}{
		{"HS256", hmacKey, gojwt.SigningMethodHS256, hmacKey},
		{"RS256", &rsaKey.PublicKey, gojwt.SigningMethodRS256, rsaKey},
		{"ES256", &ecKey.PublicKey, gojwt.SigningMethodES256, ecKey},
		{"EdDSA", edPub, gojwt.SigningMethodEdDSA, ed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := newVerifier(t, tt.verify).Verify(context.Background(), sign(t, tt.method, tt.sign, claims()))
			if err != nil {
				t.Fatal(err)
			}
			if id.Subject != "alice" || id.Scheme != "Bearer" || !slices.Equal(id.Scopes, []string{"orders:read", "orders:write"}) ||
				!slices.Equal(id.Roles, []string{"admin"}) || id.Claims["iss"] != "https://issuer.example" {
				t.Errorf("identity %+v", id)
			}
		})
	}
}

func TestVerify_rejections(t *testing.T) {
	hs := newVerifier(t, hmacKey)
	rs := newVerifier(t, &rsaKey.PublicKey)
	rsaPublicDER, _ := x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	otherKey := []byte("another-secret-another-secret-xx")
	tests := []struct {
		name     string
		v        *jwt.Verifier
		token    string
		wantDesc string
	}{
		{"expired", hs, sign(t, gojwt.SigningMethodHS256, hmacKey, claims(func(c gojwt.MapClaims) { c["exp"] = now.Add(-time.Minute).Unix() })), "token expired"},
		{"expired_within_leeway_is_valid", hs, sign(t, gojwt.SigningMethodHS256, hmacKey, claims(func(c gojwt.MapClaims) { c["exp"] = now.Add(-10 * time.Second).Unix() })), ""},
		{"no_expiry", hs, sign(t, gojwt.SigningMethodHS256, hmacKey, claims(func(c gojwt.MapClaims) { delete(c, "exp") })), "missing required claim"},
		{"not_yet_valid", hs, sign(t, gojwt.SigningMethodHS256, hmacKey, claims(func(c gojwt.MapClaims) { c["nbf"] = now.Add(time.Hour).Unix() })), "token not yet valid"},
		{"issued_in_future", hs, sign(t, gojwt.SigningMethodHS256, hmacKey, claims(func(c gojwt.MapClaims) { c["iat"] = now.Add(time.Hour).Unix() })), "token used before issued"},
		{"bad_signature", hs, sign(t, gojwt.SigningMethodHS256, otherKey, claims()), "invalid signature"},
		{"wrong_issuer", hs, sign(t, gojwt.SigningMethodHS256, hmacKey, claims(func(c gojwt.MapClaims) { c["iss"] = "https://evil.example" })), "wrong issuer"},
		{"wrong_audience", hs, sign(t, gojwt.SigningMethodHS256, hmacKey, claims(func(c gojwt.MapClaims) { c["aud"] = "billing" })), "wrong audience"},
		{"no_subject", hs, sign(t, gojwt.SigningMethodHS256, hmacKey, claims(func(c gojwt.MapClaims) { delete(c, "sub") })), "token has no subject"},
		{"alg_none", hs, sign(t, gojwt.SigningMethodNone, gojwt.UnsafeAllowNoneSignatureType, claims()), "invalid signature"},
		{"hs384_on_hs256_key", hs, sign(t, gojwt.SigningMethodHS384, hmacKey, claims()), "invalid signature"},
		{"alg_confusion_rsa_public_key_as_hmac_secret", rs, sign(t, gojwt.SigningMethodHS256, rsaPublicDER, claims()), "invalid signature"},
		{"es256_token_on_rsa_key", rs, sign(t, gojwt.SigningMethodES256, ecKey, claims()), "invalid signature"},
		{"garbage", hs, "not.a.jwt", "malformed token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := tt.v.Verify(context.Background(), tt.token)
			if tt.wantDesc == "" {
				if err != nil {
					t.Fatalf("rejected: %v", err)
				}
				return
			}
			var inv *auth.InvalidCredentialsError
			if id != nil || !errors.As(err, &inv) || !errors.Is(err, auth.ErrInvalidCredentials) {
				t.Fatalf("got %+v, %v; want an invalid-credentials error", id, err)
			}
			if inv.Description != tt.wantDesc {
				t.Errorf("description %q, want %q", inv.Description, tt.wantDesc)
			}
		})
	}
}

func TestVerify_scopeAndRoleClaims(t *testing.T) {
	v, err := jwt.New(jwt.Options{Key: hmacKey, RolesClaim: "groups", Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		edit       func(gojwt.MapClaims)
		wantScopes []string
		wantRoles  []string
	}{
		{"scope_string", func(c gojwt.MapClaims) {}, []string{"orders:read", "orders:write"}, nil},
		{"scp_array", func(c gojwt.MapClaims) { delete(c, "scope"); c["scp"] = []any{"a", "b", 7} }, []string{"a", "b"}, nil},
		{"scp_string", func(c gojwt.MapClaims) { delete(c, "scope"); c["scp"] = "a  b" }, []string{"a", "b"}, nil},
		{"no_scopes", func(c gojwt.MapClaims) { delete(c, "scope") }, nil, nil},
		{"custom_roles_claim_array", func(c gojwt.MapClaims) { c["groups"] = []any{"ops", "dev"} }, []string{"orders:read", "orders:write"}, []string{"ops", "dev"}},
		{"custom_roles_claim_string", func(c gojwt.MapClaims) { c["groups"] = "ops dev" }, []string{"orders:read", "orders:write"}, []string{"ops", "dev"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := v.Verify(context.Background(), sign(t, gojwt.SigningMethodHS256, hmacKey, claims(tt.edit)))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(id.Scopes, tt.wantScopes) || !slices.Equal(id.Roles, tt.wantRoles) {
				t.Errorf("scopes %q roles %q; want %q %q", id.Scopes, id.Roles, tt.wantScopes, tt.wantRoles)
			}
		})
	}
}

func TestNew_rejectsBadKeys(t *testing.T) {
	smallRSA, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]any{
		"nil":              nil,
		"short_secret":     []byte("short"),
		"rsa_1024":         &smallRSA.PublicKey,
		"ecdsa_p384":       &p384.PublicKey,
		"private_key_type": rsaKey,
		"string_secret":    "a string is not a key",
		"short_ed25519":    ed25519.PublicKey{1, 2, 3},
		"nil_rsa_pointer":  (*rsa.PublicKey)(nil),
		"rsa_without_n":    &rsa.PublicKey{E: 65537},
		"nil_ecdsa_ptr":    (*ecdsa.PublicKey)(nil),
	}
	for name, key := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := jwt.New(jwt.Options{Key: key}); err == nil {
				t.Error("accepted")
			}
		})
	}
}

// End to end through auth.Bearer: an expired JWT gets a 401 whose challenge
// a client can act on, and the token never appears in the response.
func TestVerifierWithBearer(t *testing.T) {
	v := newVerifier(t, hmacKey)
	logger, _ := captureLogs()
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: logger})
	schemes := []auth.Scheme{auth.Bearer(auth.BearerOptions{Realm: "orders", Verify: v.Verify})}
	srv := httptest.NewServer(auth.New(auth.Options{Schemes: schemes, Renderer: rd}).Authenticate(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id, _ := auth.FromContext(r.Context())
			io.WriteString(w, id.Subject)
		})))
	defer srv.Close()
	expired := sign(t, gojwt.SigningMethodHS256, hmacKey, claims(func(c gojwt.MapClaims) { c["exp"] = now.Add(-time.Hour).Unix() }))
	tests := []struct {
		name, token, wantLine, wantBody string
		wantStatus                      int
	}{
		{"valid", sign(t, gojwt.SigningMethodHS256, hmacKey, claims()), "", "alice", 200},
		{"expired", expired, `Bearer realm="orders", error="invalid_token", error_description="token expired"`,
			"The access token expired; obtain a new one.", 401},
		{"critical_header", signWithHeader(t, map[string]any{"crit": []string{"x-bound"}, "x-bound": "tls"}, claims()),
			`Bearer realm="orders", error="invalid_token", error_description="unsupported critical header"`,
			"unsupported critical header", 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", srv.URL, nil)
			req.Header.Set("Authorization", "Bearer "+tt.token)
			res, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.wantStatus || res.Header.Get("WWW-Authenticate") != tt.wantLine {
				t.Errorf("got %d %q", res.StatusCode, res.Header.Get("WWW-Authenticate"))
			}
			if !strings.Contains(string(body), tt.wantBody) || (tt.wantStatus != 200 && strings.Contains(string(body), tt.token)) {
				t.Errorf("body %s", body)
			}
		})
	}
}

func BenchmarkVerifyHS256(b *testing.B) {
	v, _ := jwt.New(jwt.Options{Key: hmacKey, Now: func() time.Time { return now }})
	token, _ := gojwt.NewWithClaims(gojwt.SigningMethodHS256, claims()).SignedString(hmacKey)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(context.Background(), token); err != nil {
			b.Fatal(err)
		}
	}
}
