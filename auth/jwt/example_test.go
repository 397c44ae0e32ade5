package jwt_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/auth/jwt"
	gojwt "github.com/golang-jwt/jwt/v5"
)

// A JWT verifier behind auth.Bearer: a current token passes, an expired one
// gets a challenge that tells the client to fetch a new token.
func ExampleNew() {
	secret := []byte("use-32-random-bytes-from-a-vault")
	issuedAt := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	v, err := jwt.New(jwt.Options{
		Key:      secret, // HS256 only
		Issuer:   "https://login.example",
		Audience: "orders-api",
		Leeway:   30 * time.Second,
		Now:      func() time.Time { return issuedAt.Add(5 * time.Minute) }, // a fixed clock for the example
	})
	if err != nil {
		panic(err)
	}
	schemes := []auth.Scheme{auth.Bearer(auth.BearerOptions{Realm: "orders", Verify: v.Verify})}
	srv := httptest.NewServer(auth.New(auth.Options{Schemes: schemes}).Authenticate(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id, _ := auth.FromContext(r.Context())
			fmt.Println("  subject", id.Subject, "scopes", id.Scopes)
		})))
	defer srv.Close()

	for _, lifetime := range []time.Duration{time.Hour, time.Minute} {
		token, _ := gojwt.NewWithClaims(gojwt.SigningMethodHS256, gojwt.MapClaims{
			"sub": "ann", "iss": "https://login.example", "aud": "orders-api",
			"iat": issuedAt.Unix(), "exp": issuedAt.Add(lifetime).Unix(),
			"scope": "orders:read",
		}).SignedString(secret)
		req, _ := http.NewRequest("GET", srv.URL, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		res.Body.Close()
		fmt.Println(lifetime, res.Status)
		for _, c := range res.Header.Values("WWW-Authenticate") {
			fmt.Println("  WWW-Authenticate:", c)
		}
	}
	// Output:
	//   subject ann scopes [orders:read]
	// 1h0m0s 200 OK
	// 1m0s 401 Unauthorized
	//   WWW-Authenticate: Bearer realm="orders", error="invalid_token", error_description="token expired"
}
