package auth_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
)

// standardsServer mounts the routes the standards.md §2.3 rows exercise.
func standardsServer(t *testing.T) (*httptest.Server, *errorsx.Renderer) {
	rd, _ := newRenderer()
	bearer := auth.Bearer(auth.BearerOptions{Realm: "api", Verify: tokens, AllowQueryToken: true})
	basic := auth.Basic(auth.BasicOptions{Realm: "api", Verify: auth.BasicCredentials(map[string]string{"bob": "pa:ss"})})
	bearerOnly := []auth.Scheme{bearer}
	a := auth.New(auth.Options{Schemes: bearerOnly, Renderer: rd})
	authn := a.Authenticate
	mux := http.NewServeMux()
	mux.Handle("/write", authn(a.Require(auth.RequireOptions{Scopes: []string{"write"}})(whoami)))
	mux.Handle("/admin", authn(a.Require(auth.RequireOptions{AnyRole: []string{"admin"}})(whoami)))
	mux.Handle("/hidden", authn(a.Require(auth.RequireOptions{AnyRole: []string{"admin"}, HideAs404: true})(whoami)))
	mux.Handle("/missing", rd.Handler(func(http.ResponseWriter, *http.Request) error {
		return errorsx.NotFound(errorsx.NotFoundDetail)
	}))
	mux.Handle("/both", auth.New(auth.Options{Schemes: []auth.Scheme{basic, bearer}, Renderer: rd}).Authenticate(whoami))
	return serve(t, mux), rd
}

func basicCreds(userPass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(userPass))
}

var quotedRealm = regexp.MustCompile(`realm="[^"]*"`)

func TestStandards_2_3(t *testing.T) {
	srv, _ := standardsServer(t)
	tests := []struct {
		name       string
		method     string
		path       string
		header     http.Header
		wantStatus int
		wantLines  []string // exact WWW-Authenticate lines, in order; nil = none
		wantBody   string   // substring of the body
	}{
		{"item22_no_credentials_401_with_challenge", "GET", "/write", nil, 401,
			[]string{`Bearer realm="api"`}, "Send a bearer token in the Authorization header."},
		{"item23_garbage_token_401_with_challenge", "GET", "/write", authz("Bearer garbage"), 401,
			[]string{`Bearer realm="api", error="invalid_token", error_description="unknown token"`}, "unknown token"},
		{"item24_valid_token_without_role_403", "GET", "/admin", authz("Bearer readonly"), 403,
			[]string{`Bearer realm="api", error="insufficient_scope"`}, "one of the roles admin"},
		{"item25_no_credentials_no_error_param", "GET", "/write", nil, 401,
			[]string{`Bearer realm="api"`}, ""},
		{"item26_expired_invalid_token", "GET", "/write", authz("Bearer expired"), 401,
			[]string{`Bearer realm="api", error="invalid_token", error_description="token expired"`},
			"The access token expired; obtain a new one."},
		{"item27_token_two_ways_400_invalid_request", "GET", "/write?access_token=good", authz("Bearer good"), 400,
			[]string{`Bearer realm="api", error="invalid_request"`}, "more than one way"},
		{"item28_insufficient_scope_403", "GET", "/write", authz("Bearer readonly"), 403,
			[]string{`Bearer realm="api", error="insufficient_scope", scope="write"`}, "needs the scope write;"},
		{"item31_description_without_quotes_or_backslash", "GET", "/write", authz("Bearer quote"), 401,
			[]string{`Bearer realm="api", error="invalid_token", error_description="bad quoted  descX-Injected: 1"`}, ""},
		{"item32_scheme_case_insensitive", "GET", "/write", authz("bEaReR good"), 200, nil, "alice via Bearer"},
		{"item33_basic_challenge_realm_charset", "GET", "/both", nil, 401,
			[]string{`Basic realm="api", charset="UTF-8"`, `Bearer realm="api"`}, ""},
		{"item34_basic_split_at_first_colon", "GET", "/both", authz(basicCreds("bob:pa:ss")), 200, nil, "bob via Basic"},
		{"item35_two_lines_basic_first", "GET", "/both", nil, 401,
			[]string{`Basic realm="api", charset="UTF-8"`, `Bearer realm="api"`}, "Send a user name and password (HTTP Basic) in the Authorization header, or a bearer token in the Authorization header."},
		{"item35_invalid_bearer_keeps_basic_challenge_first", "GET", "/both", authz("Bearer expired"), 401,
			[]string{`Basic realm="api", charset="UTF-8"`, `Bearer realm="api", error="invalid_token", error_description="token expired"`}, ""},
		{"item22_head_401_headers_no_body", "HEAD", "/write", nil, 401, []string{`Bearer realm="api"`}, ""},
		{"item28_head_403_headers_no_body", "HEAD", "/write", authz("Bearer readonly"), 403,
			[]string{`Bearer realm="api", error="insufficient_scope", scope="write"`}, ""},
	}
	var allChallenges []string
	var statuses []int
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, srv, tt.method, tt.path, tt.header)
			statuses = append(statuses, res.status)
			if res.status != tt.wantStatus {
				t.Fatalf("status %d, want %d; body %s", res.status, tt.wantStatus, res.body)
			}
			got := res.header.Values("WWW-Authenticate")
			if strings.Join(got, "\n") != strings.Join(tt.wantLines, "\n") {
				t.Errorf("WWW-Authenticate lines\n got %q\nwant %q", got, tt.wantLines)
			}
			allChallenges = append(allChallenges, got...)
			if tt.method == http.MethodHead && res.body != "" {
				t.Errorf("HEAD response has a body: %q", res.body)
			}
			if !strings.Contains(res.body, tt.wantBody) {
				t.Errorf("body %s lacks %q", res.body, tt.wantBody)
			}
			if res.status >= 400 && tt.method != http.MethodHead {
				var doc struct{ Status int }
				if err := json.Unmarshal([]byte(res.body), &doc); err != nil || doc.Status != res.status {
					t.Errorf("body is not a problem with status %d: %s", res.status, res.body)
				}
			}
			if res.header.Get("X-Injected") != "" {
				t.Error("a description injected a header line")
			}
		})
	}
	t.Run("item37_never_407", func(t *testing.T) {
		for _, s := range statuses {
			if s == http.StatusProxyAuthRequired {
				t.Error("an origin middleware answered 407")
			}
		}
		if len(statuses) != len(tests) {
			t.Errorf("checked %d responses, want %d", len(statuses), len(tests))
		}
	})
	t.Run("item29_no_duplicate_params", func(t *testing.T) {
		for _, line := range allChallenges {
			seen := map[string]bool{}
			for _, name := range parseChallenge(t, line).names {
				if seen[strings.ToLower(name)] {
					t.Errorf("%q repeats %s", line, name)
				}
				seen[strings.ToLower(name)] = true
			}
		}
	})
	t.Run("item30_realm_quoted_string", func(t *testing.T) {
		for _, line := range allChallenges {
			if strings.Contains(line, "realm=") && !quotedRealm.MatchString(line) {
				t.Errorf("realm not a quoted-string in %q", line)
			}
		}
	})
	t.Run("item31_restricted_charset", func(t *testing.T) {
		for _, line := range allChallenges {
			c := parseChallenge(t, line)
			for _, name := range []string{"error", "error_description", "scope"} {
				if v, ok := c.params[name]; ok && strings.ContainsAny(v, "\"\\\r\n") {
					t.Errorf("%s=%q in %q uses characters RFC 6750 §3 forbids", name, v, line)
				}
			}
		}
	})
}

func TestStandards_item36_HideAs404_same_body_as_real_404(t *testing.T) {
	srv, _ := standardsServer(t)
	hidden := do(t, srv, "GET", "/hidden", authz("Bearer readonly"))
	real := do(t, srv, "GET", "/missing", nil)
	if hidden.status != 404 || real.status != 404 {
		t.Fatalf("statuses %d and %d, want 404", hidden.status, real.status)
	}
	if hidden.body != real.body {
		t.Errorf("hidden 404 body\n%s\ndiffers from real 404\n%s", hidden.body, real.body)
	}
	if hidden.header.Get("WWW-Authenticate") != "" {
		t.Error("hidden 404 carries a challenge that reveals the resource")
	}
	if allowed := do(t, srv, "GET", "/hidden", authz("Bearer good")); allowed.status != 200 {
		t.Errorf("admin got %d", allowed.status)
	}
	if anon := do(t, srv, "GET", "/hidden", nil); anon.status != 401 {
		t.Errorf("anonymous got %d, want 401", anon.status)
	}
}
