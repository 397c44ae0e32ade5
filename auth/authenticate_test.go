package auth_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
)

func TestAuthenticate_outcomes(t *testing.T) {
	rd, logs := newRenderer()
	bearer := auth.Bearer(auth.BearerOptions{Realm: "api", Verify: tokens})
	strict := auth.New(auth.Options{Schemes: []auth.Scheme{bearer}, Renderer: rd}).Authenticate
	anon := auth.New(auth.Options{Schemes: []auth.Scheme{bearer}, AllowAnonymous: true, Renderer: rd}).Authenticate
	mux := http.NewServeMux()
	mux.Handle("/strict", strict(whoami))
	mux.Handle("/anon", anon(whoami))
	srv := serve(t, mux)
	tests := []struct {
		name       string
		path       string
		header     http.Header
		wantStatus int
		wantBody   string
		wantHeader map[string]string
	}{
		{"valid", "/strict", authz("Bearer good"), 200, "alice via Bearer", nil},
		{"anonymous_allowed", "/anon", nil, 200, "anonymous", nil},
		{"anonymous_mode_still_rejects_invalid", "/anon", authz("Bearer garbage"), 401, "unknown token",
			map[string]string{"WWW-Authenticate": `Bearer realm="api", error="invalid_token", error_description="unknown token"`}},
		{"anonymous_mode_still_rejects_malformed", "/anon", authz("Bearer"), 400, "carries no token", nil},
		{"backend_failure_500_not_401", "/strict", authz("Bearer boom"), 500, "", map[string]string{"WWW-Authenticate": ""}},
		{"backend_unavailable_503_retry_after", "/strict", authz("Bearer down"), 503, "retry in 5 s",
			map[string]string{"Retry-After": "5", "WWW-Authenticate": ""}},
		{"unavailable_in_anonymous_mode_is_503", "/anon", authz("Bearer down"), 503, "", nil},
		{"problem_type_is_catalog_default", "/strict", nil, 401, `"type":"https://errors.example/unauthorized"`,
			map[string]string{"Cache-Control": "no-store"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, srv, "GET", tt.path, tt.header)
			if res.status != tt.wantStatus {
				t.Fatalf("status %d, want %d; body %s", res.status, tt.wantStatus, res.body)
			}
			if !strings.Contains(res.body, tt.wantBody) {
				t.Errorf("body %s lacks %q", res.body, tt.wantBody)
			}
			for k, v := range tt.wantHeader {
				if got := res.header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if strings.Contains(res.body, "hunter2") || strings.Contains(res.body, "10.0.0.7") {
				t.Errorf("verifier error text leaked into the body: %s", res.body)
			}
		})
	}
	if l := logs.String(); strings.Contains(l, "hunter2") || strings.Contains(l, "10.0.0.7") {
		t.Errorf("verifier error text leaked into the log:\n%s", l)
	}
	if l := logs.String(); !strings.Contains(l, "auth: Bearer verifier failed") {
		t.Errorf("backend failure not logged as a VerifierError:\n%s", l)
	}
}

func TestAuthenticate_queryToken(t *testing.T) {
	rd, _ := newRenderer()
	optIn := auth.Bearer(auth.BearerOptions{Verify: tokens, AllowQueryToken: true})
	optOut := auth.Bearer(auth.BearerOptions{Verify: tokens})
	mux := http.NewServeMux()
	mux.Handle("/in", auth.New(auth.Options{Schemes: []auth.Scheme{optIn}, Renderer: rd}).Authenticate(whoami))
	mux.Handle("/out", auth.New(auth.Options{Schemes: []auth.Scheme{optOut}, Renderer: rd}).Authenticate(whoami))
	srv := serve(t, mux)
	tests := []struct {
		name       string
		path       string
		header     http.Header
		wantStatus int
		wantLine   string
	}{
		{"ignored_unless_opted_in", "/out?access_token=good", nil, 401, "Bearer"},
		{"accepted_when_opted_in", "/in?access_token=good", nil, 200, ""},
		{"header_and_query_400", "/in?access_token=good", authz("Bearer good"), 400, `Bearer error="invalid_request"`},
		{"twice_in_query_400", "/in?access_token=good&access_token=good", nil, 400, `Bearer error="invalid_request"`},
		{"empty_in_query_400", "/in?access_token=", nil, 400, `Bearer error="invalid_request"`},
		{"invalid_query_token_401", "/in?access_token=expired", nil, 401,
			`Bearer error="invalid_token", error_description="token expired"`},
		{"other_parameter_is_no_credentials", "/in?access_token_hint=x", nil, 401, "Bearer"},
		{"percent_encoded_name_accepted", "/in?access%5Ftoken=good", nil, 200, ""},
		{"percent_encoded_name_and_header_400", "/in?%61ccess_token=good", authz("Bearer good"), 400, `Bearer error="invalid_request"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, srv, "GET", tt.path, tt.header)
			if res.status != tt.wantStatus {
				t.Fatalf("status %d, want %d; body %s", res.status, tt.wantStatus, res.body)
			}
			if got := res.header.Get("WWW-Authenticate"); got != tt.wantLine {
				t.Errorf("WWW-Authenticate %q, want %q", got, tt.wantLine)
			}
			if strings.Contains(res.body, "good") {
				t.Errorf("body echoes the token: %s", res.body)
			}
		})
	}
}

func TestAPIKey(t *testing.T) {
	rd, _ := newRenderer()
	keys := auth.StaticKeys(map[string]string{"k-123": "svc-a"})
	def := auth.APIKey(auth.APIKeyOptions{Realm: "api", Verify: keys})
	custom := auth.APIKey(auth.APIKeyOptions{Header: "x-custom-key", Verify: keys})
	mux := http.NewServeMux()
	mux.Handle("/default", auth.New(auth.Options{Schemes: []auth.Scheme{def}, Renderer: rd}).Authenticate(whoami))
	mux.Handle("/custom", auth.New(auth.Options{Schemes: []auth.Scheme{custom}, Renderer: rd}).Authenticate(whoami))
	srv := serve(t, mux)
	key := func(name string, v ...string) http.Header { return http.Header{name: v} }
	tests := []struct {
		name       string
		path       string
		header     http.Header
		wantStatus int
		wantLine   string
		wantBody   string
	}{
		{"valid_default_header", "/default", key("X-Api-Key", "k-123"), 200, "", "svc-a via APIKey"},
		{"missing", "/default", nil, 401, `APIKey realm="api", header="X-API-Key"`, "Send an API key in the X-API-Key header."},
		{"unknown_key", "/default", key("X-Api-Key", "nope"), 401, `APIKey realm="api", header="X-API-Key"`, "unknown API key"},
		{"non_ascii_key", "/default", key("X-Api-Key", "kéy"), 401, `APIKey realm="api", header="X-API-Key"`, "malformed API key"},
		{"empty_key_400", "/default", key("X-Api-Key", ""), 400, `APIKey realm="api", header="X-API-Key"`, "is empty"},
		{"repeated_400", "/default", key("X-Api-Key", "k-123", "k-123"), 400, `APIKey realm="api", header="X-API-Key"`, "more than once"},
		{"oversized_400", "/default", key("X-Api-Key", strings.Repeat("k", 9000)), 400, `APIKey realm="api", header="X-API-Key"`, "8 KiB"},
		{"custom_header", "/custom", key("X-Custom-Key", "k-123"), 200, "", "svc-a"},
		{"custom_header_challenge", "/custom", key("X-Api-Key", "k-123"), 401, `APIKey header="x-custom-key"`, "x-custom-key header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, srv, "GET", tt.path, tt.header)
			if res.status != tt.wantStatus {
				t.Fatalf("status %d, want %d; body %s", res.status, tt.wantStatus, res.body)
			}
			if got := res.header.Get("WWW-Authenticate"); got != tt.wantLine {
				t.Errorf("WWW-Authenticate %q, want %q", got, tt.wantLine)
			}
			if !strings.Contains(res.body, tt.wantBody) {
				t.Errorf("body %s lacks %q", res.body, tt.wantBody)
			}
		})
	}
}

// TestConstructorsPanicOnBadOptions: a programming error in an Options
// value panics at construction, as http.ServeMux.Handle does, with a
// message naming the package and the field: "auth: <Field>: <why>".
func TestConstructorsPanicOnBadOptions(t *testing.T) {
	bearer := auth.Bearer(auth.BearerOptions{Verify: tokens})
	tests := []struct {
		name, wantPrefix string
		f                func()
	}{
		{"Bearer without Verify", "auth: BearerOptions.Verify: ", func() { auth.Bearer(auth.BearerOptions{}) }},
		{"Basic without Verify", "auth: BasicOptions.Verify: ", func() { auth.Basic(auth.BasicOptions{}) }},
		{"APIKey without Verify", "auth: APIKeyOptions.Verify: ", func() { auth.APIKey(auth.APIKeyOptions{}) }},
		{"APIKey with a header name that is no token", "auth: APIKeyOptions.Header: ", func() {
			auth.APIKey(auth.APIKeyOptions{Header: "X API Key", Verify: auth.StaticKeys(nil)})
		}},
		{"New without scheme", "auth: Options.Schemes: ", func() { auth.New(auth.Options{}) }},
		{"New with a nil scheme", "auth: Options.Schemes: ", func() { auth.New(auth.Options{Schemes: []auth.Scheme{bearer, nil}}) }},
		{"New with a negative RetryAfter", "auth: Options.RetryAfter: ", func() {
			auth.New(auth.Options{Schemes: []auth.Scheme{bearer}, RetryAfter: -time.Second})
		}},
		{"Require with an empty scope", "auth: RequireOptions.Scopes: ", func() {
			auth.New(auth.Options{Schemes: []auth.Scheme{bearer}}).Require(auth.RequireOptions{Scopes: []string{"read", ""}})
		}},
		{"Require with an empty role", "auth: RequireOptions.AnyRole: ", func() {
			auth.New(auth.Options{Schemes: []auth.Scheme{bearer}}).Require(auth.RequireOptions{AnyRole: []string{""}})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				if !strings.HasPrefix(msg, tt.wantPrefix) || len(msg) == len(tt.wantPrefix) {
					t.Errorf("panic %q, want a message starting %q and saying why", msg, tt.wantPrefix)
				}
			}()
			tt.f()
		})
	}
}

// TestAPIKey_malformedErrorsArePrepared checks rule 8 of the design: the
// repeated, oversized and empty header errors depend only on the configured
// header, so they are built once by APIKey, not per request.
func TestAPIKey_malformedErrorsArePrepared(t *testing.T) {
	s := auth.APIKey(auth.APIKeyOptions{Header: "X-Key", Verify: auth.StaticKeys(nil)})
	for name, values := range map[string][]string{
		"repeated":  {"a", "b"},
		"oversized": {strings.Repeat("k", auth.MaxCredentialsLength+1)},
		"empty":     {" "},
	} {
		t.Run(name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.Header["X-Key"] = values
			if _, err := s.Authenticate(r); !errors.Is(err, auth.ErrMalformedRequest) {
				t.Fatalf("error %v, want a malformed request", err)
			}
			if n := testing.AllocsPerRun(100, func() { _, _ = s.Authenticate(r) }); n != 0 {
				t.Errorf("%v allocations per rejection, want 0", n)
			}
		})
	}
}

// TestNilRendererIsTheDefaultAtWriteTime: an Authenticator built without a
// Renderer writes with errorsx.Default() as it is when the rejection is
// written, so errorsx.SetDefault after New still takes effect.
func TestNilRendererIsTheDefaultAtWriteTime(t *testing.T) {
	a := auth.New(auth.Options{Schemes: []auth.Scheme{auth.Bearer(auth.BearerOptions{Verify: tokens})}})
	h := a.Authenticate(a.Require(auth.RequireOptions{Scopes: []string{"admin"}})(whoami))
	prev := errorsx.Default()
	t.Cleanup(func() { errorsx.SetDefault(prev) })
	logger, _ := captureLogs()
	errorsx.SetDefault(errorsx.NewRenderer(errorsx.Options{TypeBase: "https://later.example/problems/", Logger: logger}))
	for _, header := range []string{"", "Bearer readonly"} {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/", nil)
		if header != "" {
			r.Header.Set("Authorization", header)
		}
		h.ServeHTTP(rec, r)
		if !strings.Contains(rec.Body.String(), `"type":"https://later.example/problems/`) {
			t.Errorf("%q: %d %s, want the problem rendered by the default renderer set after New", header, rec.Code, rec.Body)
		}
	}
}
