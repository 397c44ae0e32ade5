package jwt_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	"github.com/MicahParks/jwkset"

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

// A Verifier over the issuer's JWK Set: the issuer rotates its signing key,
// and the first token signed with the new key makes the Verifier fetch the
// set again, so the new key works without a restart and the retired one
// stops working.
func ExampleNew_keySet() {
	oldKey, newKey := ed25519Key("2026-01"), ed25519Key("2026-02")
	var published atomic.Value // the issuer's current JWK Set
	published.Store(jwkSet(oldKey))
	issuer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/jwk-set+json")
		_, _ = w.Write(published.Load().([]byte))
	}))
	defer issuer.Close()

	issuedAt := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	v, err := jwt.New(jwt.Options{
		KeySetURL: issuer.URL, // e.g. https://login.example/.well-known/jwks.json
		Issuer:    "https://login.example",
		Now:       func() time.Time { return issuedAt.Add(time.Minute) }, // a fixed clock for the example
	})
	if err != nil {
		panic(err)
	}
	defer v.Close()
	a := auth.New(auth.Options{Schemes: []auth.Scheme{auth.Bearer(auth.BearerOptions{Realm: "orders", Verify: v.Verify})}})
	srv := httptest.NewServer(a.Authenticate(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})))
	defer srv.Close()

	send := func(label string, k signer) {
		tok := gojwt.NewWithClaims(gojwt.SigningMethodEdDSA, gojwt.MapClaims{
			"sub": "ann", "iss": "https://login.example", "iat": issuedAt.Unix(), "exp": issuedAt.Add(time.Hour).Unix(),
		})
		tok.Header["kid"] = k.kid
		token, _ := tok.SignedString(k.priv)
		req, _ := http.NewRequest("GET", srv.URL, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		res.Body.Close()
		fmt.Println(label, res.Status)
		for _, c := range res.Header.Values("WWW-Authenticate") {
			fmt.Println("  WWW-Authenticate:", c)
		}
	}
	send("old key:", oldKey)
	published.Store(jwkSet(newKey)) // the issuer rotates
	send("new key:", newKey)
	send("old key:", oldKey)
	// Output:
	// old key: 200 OK
	// new key: 200 OK
	// old key: 401 Unauthorized
	//   WWW-Authenticate: Bearer realm="orders", error="invalid_token", error_description="unknown signing key"
}

// signer is an issuer's signing key and its kid.
type signer struct {
	kid  string
	priv ed25519.PrivateKey
}

func ed25519Key(kid string) signer {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	return signer{kid: kid, priv: priv}
}

// jwkSet is the JWK Set (RFC 7517 §5) that publishes k's public key.
func jwkSet(k signer) []byte {
	jwk, err := jwkset.NewJWKFromKey(k.priv.Public(), jwkset.JWKOptions{Metadata: jwkset.JWKMetadataOptions{KID: k.kid}})
	if err != nil {
		panic(err)
	}
	b, err := json.Marshal(jwkset.JWKSMarshal{Keys: []jwkset.JWKMarshal{jwk.Marshal()}})
	if err != nil {
		panic(err)
	}
	return b
}

// Validate checks options read from flags or the environment before
// anything is built, with the same message New would return.
func ExampleOptions_Validate() {
	for _, opts := range []jwt.Options{
		{KeySetURL: "https://login.example/.well-known/jwks.json"},
		{KeySetURL: "login.example/jwks.json"}, // a typo'd JWKS_URL
		{Key: []byte("too short")},
	} {
		fmt.Println(opts.Validate())
	}
	// Output:
	// <nil>
	// jwt: KeySetURL: "login.example/jwks.json" is not an absolute http or https URL
	// jwt: Key: HS256 secret has 9 bytes, need at least 32
}
