package auth_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/auth"
)

func TestRequire(t *testing.T) {
	rd, _ := newRenderer()
	users := auth.BasicCredentials(map[string]string{"bob": "secret"})
	basic := auth.Basic(auth.BasicOptions{Realm: "api", Verify: func(ctx context.Context, u, p string) (*auth.Identity, error) {
		id, err := users(ctx, u, p)
		if id != nil {
			id.Roles = []string{"viewer"}
		}
		return id, err
	}})
	bearer := auth.Bearer(auth.BearerOptions{Realm: "api", Verify: tokens})
	schemes := []auth.Scheme{basic, bearer}
	a := auth.New(auth.Options{Schemes: schemes, AllowAnonymous: true, Renderer: rd})
	authn := a.Authenticate
	ownOnly := func(id *auth.Identity, r *http.Request) bool { return r.PathValue("user") == id.Subject }
	mux := http.NewServeMux()
	mux.Handle("/scopes", a.Require(auth.RequireOptions{Scopes: []string{"read", "write"}})(whoami))
	mux.Handle("/roles", a.Require(auth.RequireOptions{AnyRole: []string{"admin", "viewer"}})(whoami))
	mux.Handle("/users/{user}", a.Require(auth.RequireOptions{Allow: ownOnly})(whoami))
	mux.Handle("/read-admin", a.Require(auth.RequireOptions{Scopes: []string{"read"}, AnyRole: []string{"admin"}})(whoami))
	mux.Handle("/any", a.Require(auth.RequireOptions{})(whoami))
	srv := serve(t, authn(mux))
	tests := []struct {
		name       string
		path       string
		header     http.Header
		wantStatus int
		wantLines  []string
		wantBody   string
	}{
		{"no_identity_401_never_403", "/scopes", nil, 401,
			[]string{`Basic realm="api", charset="UTF-8"`, `Bearer realm="api"`}, "Send a user name"},
		{"all_scopes_present", "/scopes", authz("Bearer good"), 200, nil, "alice"},
		{"one_scope_missing_403_scope_param", "/scopes", authz("Bearer readonly"), 403,
			[]string{`Bearer realm="api", error="insufficient_scope", scope="read write"`}, `"required_scopes":["read","write"]`},
		{"basic_identity_403_without_challenge", "/scopes", authz(basicCreds("bob:secret")), 403, nil, "needs the scopes read, write"},
		{"any_role_admin", "/roles", authz("Bearer good"), 200, nil, "alice"},
		{"any_role_viewer", "/roles", authz(basicCreds("bob:secret")), 200, nil, "bob"},
		{"no_role_403", "/roles", authz("Bearer readonly"), 403,
			[]string{`Bearer realm="api", error="insufficient_scope"`}, "one of the roles admin, viewer"},
		{"scopes_held_role_missing_403_without_scope_param", "/read-admin", authz("Bearer readonly"), 403,
			[]string{`Bearer realm="api", error="insufficient_scope"`}, "one of the roles admin"},
		{"predicate_allows_own", "/users/alice", authz("Bearer good"), 200, nil, "alice"},
		{"predicate_refuses_other", "/users/bob", authz("Bearer good"), 403,
			[]string{`Bearer realm="api", error="insufficient_scope"`}, "ask its owner"},
		{"no_conditions_any_identity", "/any", authz("Bearer readonly"), 200, nil, "bob"},
		{"no_conditions_still_needs_identity", "/any", nil, 401,
			[]string{`Basic realm="api", charset="UTF-8"`, `Bearer realm="api"`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, srv, "GET", tt.path, tt.header)
			if res.status != tt.wantStatus {
				t.Fatalf("status %d, want %d; body %s", res.status, tt.wantStatus, res.body)
			}
			if got := res.header.Values("WWW-Authenticate"); strings.Join(got, "\n") != strings.Join(tt.wantLines, "\n") {
				t.Errorf("WWW-Authenticate\n got %q\nwant %q", got, tt.wantLines)
			}
			if !strings.Contains(res.body, tt.wantBody) {
				t.Errorf("body %s lacks %q", res.body, tt.wantBody)
			}
		})
	}
}

// TestRequire_scopeDetail: the 403's detail names the missing scopes in
// words that fit their number.
func TestRequire_scopeDetail(t *testing.T) {
	rd, _ := newRenderer()
	a := auth.New(auth.Options{Schemes: []auth.Scheme{auth.Bearer(auth.BearerOptions{Verify: tokens})}, Renderer: rd})
	id := &auth.Identity{Subject: "bob", Scheme: "Bearer"}
	tests := []struct {
		scopes []string
		want   string
	}{
		{[]string{"orders:admin"}, `"detail":"This request needs the scope orders:admin; obtain credentials that grant it."`},
		{[]string{"orders:read", "orders:admin"}, `"detail":"This request needs the scopes orders:read, orders:admin; obtain credentials that grant all of them."`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.scopes, "+"), func(t *testing.T) {
			rec := httptest.NewRecorder()
			r := httptest.NewRequest("GET", "/", nil)
			a.Require(auth.RequireOptions{Scopes: tt.scopes})(whoami).ServeHTTP(rec, r.WithContext(auth.NewContext(r.Context(), id)))
			if rec.Code != 403 || !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("got %d %s, want 403 with %s", rec.Code, rec.Body, tt.want)
			}
		})
	}
}
