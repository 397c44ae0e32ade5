package auth_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/fourxx/fourxx/auth"
	"github.com/go-chi/chi/v5"
)

// get sends a request with an optional Authorization value and prints the
// status and each WWW-Authenticate line.
func get(method, url, authorization string) {
	req, _ := http.NewRequest(method, url, nil)
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	res.Body.Close()
	fmt.Println(method, res.Status)
	for _, c := range res.Header.Values("WWW-Authenticate") {
		fmt.Println("  WWW-Authenticate:", c)
	}
}

// Bearer tokens and scopes on a chi router: one Authenticator, built once,
// authenticates every route; reading orders needs a token, creating one
// needs the orders:write scope too.
func ExampleNew_chi() {
	verify := func(_ context.Context, token string) (*auth.Identity, error) {
		switch token {
		case "reader-token":
			return &auth.Identity{Subject: "ann", Scopes: []string{"orders:read"}}, nil
		case "writer-token":
			return &auth.Identity{Subject: "ben", Scopes: []string{"orders:read", "orders:write"}}, nil
		}
		return nil, auth.Invalid("unknown token")
	}
	a := auth.New(auth.Options{Schemes: []auth.Scheme{auth.Bearer(auth.BearerOptions{Realm: "orders", Verify: verify})}})

	r := chi.NewRouter()
	r.Use(a.Authenticate)
	r.Get("/orders", func(w http.ResponseWriter, r *http.Request) {})
	r.With(a.Require(auth.RequireOptions{Scopes: []string{"orders:write"}})).
		Post("/orders", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusCreated) })
	srv := httptest.NewServer(r)
	defer srv.Close()

	get("GET", srv.URL+"/orders", "")
	get("GET", srv.URL+"/orders", "Bearer stolen-token")
	get("GET", srv.URL+"/orders", "Bearer reader-token")
	get("POST", srv.URL+"/orders", "Bearer reader-token")
	get("POST", srv.URL+"/orders", "Bearer writer-token")
	// Output:
	// GET 401 Unauthorized
	//   WWW-Authenticate: Bearer realm="orders"
	// GET 401 Unauthorized
	//   WWW-Authenticate: Bearer realm="orders", error="invalid_token", error_description="unknown token"
	// GET 200 OK
	// POST 403 Forbidden
	//   WWW-Authenticate: Bearer realm="orders", error="insufficient_scope", scope="orders:write"
	// POST 201 Created
}

// Basic authentication on the standard library's ServeMux, with passwords
// compared in constant time.
func ExampleBasic() {
	basic := auth.Basic(auth.BasicOptions{
		Realm:  "admin area",
		Verify: auth.BasicCredentials(map[string]string{"root": "correct horse"}),
	})
	authn := auth.New(auth.Options{Schemes: []auth.Scheme{basic}}).Authenticate

	mux := http.NewServeMux()
	mux.Handle("GET /admin/", authn(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := auth.FromContext(r.Context())
		fmt.Println("  hello,", id.Subject, "via", id.Scheme)
	})))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	get("GET", srv.URL+"/admin/", "")
	get("GET", srv.URL+"/admin/", "Basic cm9vdDp3cm9uZw==") // root:wrong
	req, _ := http.NewRequest("GET", srv.URL+"/admin/", nil)
	req.SetBasicAuth("root", "correct horse")
	res, _ := http.DefaultClient.Do(req)
	res.Body.Close()
	fmt.Println("GET", res.Status)
	// Output:
	// GET 401 Unauthorized
	//   WWW-Authenticate: Basic realm="admin area", charset="UTF-8"
	// GET 401 Unauthorized
	//   WWW-Authenticate: Basic realm="admin area", charset="UTF-8"
	//   hello, root via Basic
	// GET 200 OK
}

// limitBy stands for a rate limiter: it only shows the key it would count
// the request under ("" means: fall back to the client IP).
func limitBy(key func(*http.Request) (string, error)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			k, err := key(r)
			fmt.Printf("  limiter key %q, err %v\n", k, err)
			next.ServeHTTP(w, r)
		})
	}
}

// SubjectKey keys a limiter placed after Authenticate by the identity
// Authenticate found.
func ExampleAuthenticator_SubjectKey_afterAuthenticate() {
	a := auth.New(auth.Options{
		Schemes:        []auth.Scheme{auth.APIKey(auth.APIKeyOptions{Verify: auth.StaticKeys(map[string]string{"k-1": "svc-billing"})})},
		AllowAnonymous: true,
	})
	h := a.Authenticate(limitBy(a.SubjectKey)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})))

	for _, key := range []string{"k-1", ""} {
		r := httptest.NewRequest("GET", "/", nil)
		if key != "" {
			r.Header.Set("X-API-Key", key)
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
	// Output:
	//   limiter key "id:svc-billing", err <nil>
	//   limiter key "", err <nil>
}

// SubjectKey keys a limiter placed before Authenticate, so clients that get
// 401 are limited too (by IP, since their key is "").
func ExampleAuthenticator_SubjectKey() {
	verify := func(_ context.Context, token string) (*auth.Identity, error) {
		if token == "t-ann" {
			return &auth.Identity{Subject: "ann"}, nil
		}
		return nil, auth.Invalid("unknown token")
	}
	a := auth.New(auth.Options{Schemes: []auth.Scheme{auth.Bearer(auth.BearerOptions{Verify: verify})}})
	chain := limitBy(a.SubjectKey)(a.Authenticate(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})))

	for _, authorization := range []string{"Bearer t-ann", "Bearer forged", "Bearer"} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Authorization", authorization)
		w := httptest.NewRecorder()
		chain.ServeHTTP(w, r)
		fmt.Println(authorization, "→", w.Code)
	}
	// Output:
	//   limiter key "id:ann", err <nil>
	// Bearer t-ann → 200
	//   limiter key "", err <nil>
	// Bearer forged → 401
	//   limiter key "", err <nil>
	// Bearer → 400
}

// Identify in front of a limiter keyed by SubjectKey, and Authenticate
// after it, verify each request's credentials once.
func ExampleAuthenticator_Identify() {
	verifications := 0
	verify := func(_ context.Context, token string) (*auth.Identity, error) {
		verifications++
		if token == "t-ann" {
			return &auth.Identity{Subject: "ann"}, nil
		}
		return nil, auth.Invalid("unknown token")
	}
	a := auth.New(auth.Options{Schemes: []auth.Scheme{auth.Bearer(auth.BearerOptions{Verify: verify})}})
	chain := a.Identify(limitBy(a.SubjectKey)(a.Authenticate(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))))

	for _, authorization := range []string{"Bearer t-ann", "Bearer forged"} {
		verifications = 0
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Authorization", authorization)
		w := httptest.NewRecorder()
		chain.ServeHTTP(w, r)
		fmt.Println(authorization, "→", w.Code, "after", verifications, "verification")
	}
	// Output:
	//   limiter key "id:ann", err <nil>
	// Bearer t-ann → 200 after 1 verification
	//   limiter key "", err <nil>
	// Bearer forged → 401 after 1 verification
}

// HideAs404 answers a refused request like a missing resource.
func ExampleAuthenticator_Require_hideAs404() {
	verify := func(_ context.Context, token string) (*auth.Identity, error) {
		return &auth.Identity{Subject: token, Roles: []string{token}}, nil
	}
	a := auth.New(auth.Options{Schemes: []auth.Scheme{auth.Bearer(auth.BearerOptions{Verify: verify})}})
	staffOnly := a.Require(auth.RequireOptions{AnyRole: []string{"staff"}, HideAs404: true})
	h := a.Authenticate(staffOnly(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})))

	for _, token := range []string{"staff", "guest"} {
		r := httptest.NewRequest("GET", "/internal/report", nil)
		r.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(token, w.Code)
	}
	// Output:
	// staff 200
	// guest 404
}

func ExampleCompareCredentials() {
	fmt.Println(auth.CompareCredentials("ops", "s3cret", "ops", "s3cret"))
	fmt.Println(auth.CompareCredentials("eve", "s3cret", "ops", "s3cret"))
	// Output:
	// true
	// false
}

// StaticTokens backs Bearer with a fixed table, compared in constant time.
func ExampleStaticTokens() {
	verify := auth.StaticTokens(map[string]auth.Identity{
		"svc-token": {Subject: "billing", Scopes: []string{"invoices:read"}},
	})
	id, err := verify(context.Background(), "svc-token")
	fmt.Println(id.Subject, id.Scopes, err)
	_, err = verify(context.Background(), "guess")
	fmt.Println(err)
	// Output:
	// billing [invoices:read] <nil>
	// auth: invalid credentials: unknown token
}
