package auth_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/auth"
)

// TestIdentityIsTheRequests: the identity Authenticate (alone or after
// Identify) stores is the request's own copy. A handler that changes its
// fields changes neither what the verifier returns, nor the static table
// behind StaticTokens, nor the identity of the next request, even when the
// verifier returns one shared pointer every time.
func TestIdentityIsTheRequests(t *testing.T) {
	shared := &auth.Identity{Subject: "svc", Scopes: []string{"read"}}
	verifiers := map[string]auth.TokenVerifier{
		"StaticTokens":   auth.StaticTokens(map[string]auth.Identity{"t": {Subject: "svc", Scopes: []string{"read"}}}),
		"shared pointer": func(context.Context, string) (*auth.Identity, error) { return shared, nil },
	}
	for name, verify := range verifiers {
		a := auth.New(auth.Options{Schemes: []auth.Scheme{auth.Bearer(auth.BearerOptions{Verify: verify})}})
		var seen []auth.Identity
		mutate := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id, ok := auth.FromContext(r.Context())
			if !ok {
				t.Fatalf("%s: no identity", name)
			}
			seen = append(seen, *id)
			id.Subject, id.Scheme, id.Scopes = "mallory", "Forged", []string{"admin"}
		})
		for chain, h := range map[string]http.Handler{"Authenticate": a.Authenticate(mutate), "Identify+Authenticate": a.Identify(a.Authenticate(mutate))} {
			seen = seen[:0]
			for range 2 {
				r := httptest.NewRequest(http.MethodGet, "/", nil)
				r.Header.Set("Authorization", "Bearer t")
				h.ServeHTTP(httptest.NewRecorder(), r)
			}
			for i, id := range seen {
				if id.Subject != "svc" || id.Scheme != "Bearer" || len(id.Scopes) != 1 || id.Scopes[0] != "read" {
					t.Errorf("%s, %s: request %d saw %+v, the change of an earlier request", name, chain, i, id)
				}
			}
		}
		if got, _ := verify(context.Background(), "t"); got.Subject != "svc" || got.Scheme != "" || got.Scopes[0] != "read" {
			t.Errorf("%s: the verifier now returns %+v", name, got)
		}
	}
}
