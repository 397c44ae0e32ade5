package jwt_test

import (
	"context"
	"errors"
	"testing"

	gojwt "github.com/golang-jwt/jwt/v5"

	"github.com/fourxx/fourxx/auth"
)

// FuzzVerify sends arbitrary tokens to a static-key Verifier: it never
// panics, never reports a backend failure, and accepts only tokens with a
// subject; every rejection is invalid credentials.
func FuzzVerify(f *testing.F) {
	f.Add(sign(f, gojwt.SigningMethodHS256, hmacKey, claims()))
	f.Add(signWithHeader(f, map[string]any{"crit": []string{"x"}, "x": 1}, claims()))
	f.Add(sign(f, gojwt.SigningMethodNone, gojwt.UnsafeAllowNoneSignatureType, claims()))
	f.Add("eyJhbGciOiJIUzI1NiJ9.e30.")
	f.Add("a.b.c")
	f.Add("")
	v := newVerifier(f, hmacKey)
	f.Fuzz(func(t *testing.T, token string) {
		id, err := v.Verify(context.Background(), token)
		switch {
		case err == nil && (id == nil || id.Subject == ""):
			t.Fatalf("accepted without a subject: %+v", id)
		case err != nil && !errors.Is(err, auth.ErrInvalidCredentials):
			t.Fatalf("error %v is not invalid credentials", err)
		}
	})
}
