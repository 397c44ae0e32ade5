package jwt_test

import (
	"context"
	"errors"
	"testing"

	"github.com/fourxx/fourxx/auth"
	gojwt "github.com/golang-jwt/jwt/v5"
)

// signWithHeader signs c with HS256 and the extra JOSE header parameters.
func signWithHeader(t testing.TB, header map[string]any, c gojwt.MapClaims) string {
	t.Helper()
	tok := gojwt.NewWithClaims(gojwt.SigningMethodHS256, c)
	for k, v := range header {
		tok.Header[k] = v
	}
	s, err := tok.SignedString(hmacKey)
	if err != nil {
		t.Fatal(err)
	}
	return remember(s)
}

// RFC 7515 §4.1.11: a recipient that does not understand an extension
// listed in "crit" MUST reject the JWS. The Verifier understands none, so
// every token carrying "crit" (well-formed or not) is rejected as invalid
// credentials, although its signature and claims are valid.
func TestVerify_rejectsCriticalHeader(t *testing.T) {
	v := newVerifier(t, hmacKey)
	tests := []struct {
		name   string
		header map[string]any
	}{
		{"unknown_extension", map[string]any{"crit": []string{"x-bound"}, "x-bound": "tls"}},
		{"b64_extension_rfc7797", map[string]any{"crit": []string{"b64"}, "b64": false}},
		{"listed_but_absent", map[string]any{"crit": []string{"x-missing"}}},
		{"empty_list", map[string]any{"crit": []string{}}},
		{"not_a_list", map[string]any{"crit": "x-bound", "x-bound": 1}},
		{"null", map[string]any{"crit": nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := v.Verify(context.Background(), signWithHeader(t, tt.header, claims()))
			var inv *auth.InvalidCredentialsError
			if id != nil || !errors.As(err, &inv) {
				t.Fatalf("got %+v, %v; want an invalid-credentials error", id, err)
			}
			if inv.Description != "unsupported critical header" {
				t.Errorf("description %q, want %q", inv.Description, "unsupported critical header")
			}
		})
	}
	// A header without crit, with an unknown non-critical parameter, is
	// still accepted: only crit makes a parameter mandatory to understand.
	if _, err := v.Verify(context.Background(), signWithHeader(t, map[string]any{"x-note": "ignored"}, claims())); err != nil {
		t.Errorf("token with a non-critical unknown header rejected: %v", err)
	}
}
