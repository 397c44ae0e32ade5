package auth_test

import (
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/auth"
)

const (
	basicPlain  = `Basic realm="api", charset="UTF-8"`
	bearerPlain = `Bearer realm="api"`
)

// TestBadInput sends every bad input of the issue to a Basic+Bearer chain on
// a real server: none panics, each gets its documented 400 or 401.
func TestBadInput(t *testing.T) {
	srv, _ := standardsServer(t)
	b64 := base64.StdEncoding.EncodeToString
	tests := []struct {
		name       string
		header     http.Header
		wantStatus int
		wantLines  []string
	}{
		{"empty_authorization_400", authz(""), 400,
			[]string{basicPlain, `Bearer realm="api", error="invalid_request"`}},
		{"whitespace_only_authorization_400", authz("   \t "), 400,
			[]string{basicPlain, `Bearer realm="api", error="invalid_request"`}},
		{"oversized_authorization_400", authz("Bearer " + strings.Repeat("a", 9000)), 400,
			[]string{basicPlain, `Bearer realm="api", error="invalid_request"`}},
		{"non_ascii_bearer_token_401_malformed_token", authz("Bearer tökén"), 401,
			[]string{basicPlain, `Bearer realm="api", error="invalid_token", error_description="malformed token"`}},
		{"non_ascii_basic_401", authz("Basic bös"), 401, []string{basicPlain, bearerPlain}},
		{"unknown_scheme_401_plain_challenges", authz("Digest username=\"x\""), 401, []string{basicPlain, bearerPlain}},
		{"scheme_only_unknown_401", authz("Negotiate"), 401, []string{basicPlain, bearerPlain}},
		{"bare_bearer_400", authz("Bearer"), 400, []string{basicPlain, `Bearer realm="api", error="invalid_request"`}},
		{"bearer_two_tokens_401", authz("Bearer good good"), 401,
			[]string{basicPlain, `Bearer realm="api", error="invalid_token", error_description="malformed token"`}},
		{"padded_token_is_well_formed", authz("Bearer abc=="), 401,
			[]string{basicPlain, `Bearer realm="api", error="invalid_token", error_description="unknown token"`}},
		{"padding_only_token_401_malformed_token", authz("Bearer =="), 401,
			[]string{basicPlain, `Bearer realm="api", error="invalid_token", error_description="malformed token"`}},
		{"bare_basic_400", authz("Basic"), 400, []string{basicPlain, `Bearer realm="api", error="invalid_request"`}},
		{"basic_invalid_base64_401", authz("Basic !!!notbase64"), 401, []string{basicPlain, bearerPlain}},
		{"basic_no_colon_401", authz("Basic " + b64([]byte("bobpass"))), 401, []string{basicPlain, bearerPlain}},
		{"basic_control_character_401", authz("Basic " + b64([]byte("bob\x00:pa:ss"))), 401, []string{basicPlain, bearerPlain}},
		{"basic_newline_in_password_401", authz("Basic " + b64([]byte("bob:pa\r\nss"))), 401, []string{basicPlain, bearerPlain}},
		{"basic_invalid_utf8_401", authz("Basic " + b64([]byte("b\xffb:pa:ss"))), 401, []string{basicPlain, bearerPlain}},
		{"basic_unknown_user_401", authz(basicCreds("eve:pa:ss")), 401, []string{basicPlain, bearerPlain}},
		{"basic_wrong_password_401", authz(basicCreds("bob:wrong")), 401, []string{basicPlain, bearerPlain}},
		{"two_authorization_headers_400", authz("Bearer good", "Bearer good"), 400,
			[]string{basicPlain, `Bearer realm="api", error="invalid_request"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, srv, "GET", "/both", tt.header)
			if res.status != tt.wantStatus {
				t.Fatalf("status %d, want %d; body %s", res.status, tt.wantStatus, res.body)
			}
			if got := res.header.Values("WWW-Authenticate"); strings.Join(got, "\n") != strings.Join(tt.wantLines, "\n") {
				t.Errorf("WWW-Authenticate\n got %q\nwant %q", got, tt.wantLines)
			}
			for _, secret := range []string{"pa:ss", "tökén", "notbase64", "good good"} {
				if strings.Contains(res.body, secret) {
					t.Errorf("body echoes credentials %q: %s", secret, res.body)
				}
			}
		})
	}
}

// TestBadInput_controlCharacters covers bytes no HTTP client sends (Go's
// client and server refuse CR, LF and NUL in field values) by calling the
// middleware directly.
func TestBadInput_controlCharacters(t *testing.T) {
	rd, _ := newRenderer()
	bearer := auth.Bearer(auth.BearerOptions{Realm: "api", Verify: tokens})
	h := auth.New(auth.Options{Schemes: []auth.Scheme{bearer}, Renderer: rd}).Authenticate(whoami)
	for _, v := range []string{"Bearer go\x00od", "Bearer good\r\nX-Injected: 1", "Bearer \x7f", "Bearer\tgood"} {
		t.Run(strings.ToValidUTF8(v, "?"), func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("GET", "/", nil)
			req.Header["Authorization"] = []string{v}
			h.ServeHTTP(rec, req)
			if rec.Code != 401 {
				t.Fatalf("status %d, want 401", rec.Code)
			}
			for _, line := range rec.Header().Values("WWW-Authenticate") {
				if strings.ContainsAny(line, "\r\n\x00\x7f") {
					t.Errorf("control character in %q", line)
				}
			}
		})
	}
}

// TestHeaderInjection puts quotes, backslashes and CR/LF into the realm and
// a description: the challenge stays one well-formed line.
func TestHeaderInjection(t *testing.T) {
	rd, _ := newRenderer()
	evil := "a\"b\\c\r\nX-Injected: 1"
	schemes := []auth.Scheme{
		auth.Basic(auth.BasicOptions{Realm: evil, Verify: auth.BasicCredentials(nil)}),
		auth.Bearer(auth.BearerOptions{Realm: evil, Verify: tokens}),
		auth.APIKey(auth.APIKeyOptions{Realm: evil, Header: "X-Key", Verify: auth.StaticKeys(nil)}),
	}
	srv := serve(t, auth.New(auth.Options{Schemes: schemes, Renderer: rd}).Authenticate(whoami))
	tests := []struct {
		name   string
		header http.Header
		want   []string
	}{
		{"no_credentials", nil, []string{
			`Basic realm="a\"b\\cX-Injected: 1", charset="UTF-8"`,
			`Bearer realm="a\"b\\cX-Injected: 1"`,
			`APIKey realm="a\"b\\cX-Injected: 1", header="X-Key"`,
		}},
		{"description_with_quotes_and_crlf", authz("Bearer quote"), []string{
			`Basic realm="a\"b\\cX-Injected: 1", charset="UTF-8"`,
			`Bearer realm="a\"b\\cX-Injected: 1", error="invalid_token", error_description="bad quoted  descX-Injected: 1"`,
			`APIKey realm="a\"b\\cX-Injected: 1", header="X-Key"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, srv, "GET", "/", tt.header)
			if res.status != 401 {
				t.Fatalf("status %d", res.status)
			}
			got := res.header.Values("WWW-Authenticate")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
			for _, line := range got {
				if c := parseChallenge(t, line); c.params["realm"] != "a\"b\\cX-Injected: 1" {
					t.Errorf("realm parsed back as %q", c.params["realm"])
				}
			}
			if res.header.Get("X-Injected") != "" {
				t.Error("header injected")
			}
		})
	}
}
