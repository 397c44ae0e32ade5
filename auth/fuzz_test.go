package auth_test

import (
	"encoding/base64"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/logtest"
)

// fuzzAuthenticate is Authenticate with Basic, Bearer and APIKey over static
// verifiers, answering 200 with the subject, logging into logger.
func fuzzAuthenticate(logger *slog.Logger) http.Handler {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://errors.example/", Strict: true, Logger: logger})
	a := auth.New(auth.Options{
		Renderer: rd,
		Schemes: []auth.Scheme{
			auth.Basic(auth.BasicOptions{Realm: "fuzz", Verify: auth.BasicCredentials(map[string]string{"alice": "correct horse"})}),
			auth.Bearer(auth.BearerOptions{Realm: "fuzz", Verify: auth.StaticTokens(map[string]auth.Identity{"good-token-123": {Subject: "bob"}})}),
			auth.APIKey(auth.APIKeyOptions{Realm: "fuzz", Verify: auth.StaticKeys(map[string]string{"key-0123456789": "carol"})}),
		},
	})
	return a.Authenticate(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := auth.FromContext(r.Context())
		_, _ = w.Write([]byte(id.Subject))
	}))
}

// fuzzAuthFixedText is every body and log line Authenticate writes for
// requests whose credentials are chosen not to occur in them; a credential
// found in a body or a log is a leak unless it also occurs here by
// coincidence ("Bearer token …").
func fuzzAuthFixedText() string {
	logs := logtest.NewRecorder()
	h := fuzzAuthenticate(slog.New(logs))
	var all strings.Builder
	for _, c := range []struct{ authz, key []string }{
		{nil, nil},
		{[]string{"Basic"}, nil},
		{[]string{"Basic !!!"}, nil},
		{[]string{"Basic " + base64.StdEncoding.EncodeToString([]byte("nocolon"))}, nil},
		{[]string{"Basic " + base64.StdEncoding.EncodeToString([]byte("a:\x01"))}, nil},
		{[]string{"Basic " + base64.StdEncoding.EncodeToString([]byte("a:\xff"))}, nil},
		{[]string{"Basic " + base64.StdEncoding.EncodeToString([]byte("a:b"))}, nil},
		{[]string{"Bearer"}, nil},
		{[]string{"Bearer ,"}, nil},
		{[]string{"Bearer x"}, nil},
		{[]string{"a", "b"}, nil},
		{[]string{" "}, nil},
		{[]string{strings.Repeat("x", auth.MaxCredentialsLength+1)}, nil},
		{nil, []string{"x"}},
		{nil, []string{"\x01"}},
		{nil, []string{" "}},
		{nil, []string{"a", "b"}},
		{nil, []string{strings.Repeat("x", auth.MaxCredentialsLength+1)}},
	} {
		all.WriteString(fuzzAuthServe(h, c.authz, c.key).Body.String())
		all.WriteByte('\n')
	}
	return all.String() + logs.String()
}

func fuzzAuthServe(h http.Handler, authz, key []string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	if authz != nil {
		req.Header["Authorization"] = authz
	}
	if key != nil {
		req.Header["X-Api-Key"] = key
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// FuzzAuthenticate sends arbitrary Authorization field lines (0–2) and an
// optional API key through Authenticate: the status is 200, 400 or 401, a
// 401 carries a challenge, no response header value holds CR or LF (no
// header injection through a reflected credential), the body of a
// rejection is valid JSON, and no credential of 8 bytes or more presented
// (the field value, the credentials after the scheme, a decoded Basic
// password) appears in the body or in any log record (captured with
// internal/logtest, per input).
func FuzzAuthenticate(f *testing.F) {
	basic := func(s string) string { return "Basic " + base64.StdEncoding.EncodeToString([]byte(s)) }
	f.Add(uint8(0), "", "", "")
	f.Add(uint8(1), basic("alice:correct horse"), "", "")
	f.Add(uint8(1), basic("alice:wrong-password-123"), "", "")
	f.Add(uint8(1), "Bearer good-token-123", "", "")
	f.Add(uint8(1), "Bearer secret-token-\"\\\r\nX: y", "", "")
	f.Add(uint8(1), "bEaReR   token-with-spaces   ", "", "")
	f.Add(uint8(2), "Bearer a", "Bearer b", "")
	f.Add(uint8(0), "", "", "key-0123456789")
	f.Add(uint8(0), "", "", "unknown-key-\x7f-value")
	f.Add(uint8(1), "Digest username=\"someone-secret\"", "", "wrong-key-abcdef")
	f.Add(uint8(1), "Basic YWxpY2U6Y29ycmVjdCBob3JzZQ", "", "") // unpadded
	fixed := fuzzAuthFixedText()
	f.Fuzz(func(t *testing.T, lines uint8, line1, line2, apiKey string) {
		var authz, key []string
		switch lines % 3 {
		case 1:
			authz = []string{line1}
		case 2:
			authz = []string{line1, line2}
		}
		if apiKey != "" {
			key = []string{apiKey}
		}
		logs := logtest.NewRecorder()
		rec := fuzzAuthServe(fuzzAuthenticate(slog.New(logs)), authz, key)
		res := rec.Result()
		switch res.StatusCode {
		case http.StatusOK:
		case http.StatusBadRequest, http.StatusUnauthorized:
			if !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("%d body is not JSON: %q", res.StatusCode, rec.Body.String())
			}
		default:
			t.Fatalf("status %d for Authorization %q, key %q", res.StatusCode, authz, apiKey)
		}
		if res.StatusCode == http.StatusUnauthorized && len(res.Header["Www-Authenticate"]) == 0 {
			t.Fatalf("401 without WWW-Authenticate for Authorization %q, key %q", authz, apiKey)
		}
		for name, values := range res.Header {
			for _, v := range values {
				if strings.ContainsAny(v, "\r\n") {
					t.Fatalf("header %s: %q holds CR or LF", name, v)
				}
			}
		}
		body := rec.Body.String()
		for _, secret := range presentedCredentials(append(authz, key...)) {
			if len(secret) < 8 || strings.Contains(fixed, secret) {
				continue
			}
			if strings.Contains(body, secret) {
				t.Fatalf("body echoes credential %q:\n%s", secret, body)
			}
			if strings.Contains(logs.String(), secret) {
				t.Fatalf("log echoes credential %q:\n%s", secret, logs)
			}
		}
	})
}

// presentedCredentials lists what a client sent as secrets: each field
// value, the part after its auth-scheme, and a decoded Basic password.
func presentedCredentials(values []string) []string {
	var out []string
	for _, v := range values {
		v = strings.Trim(v, " \t")
		out = append(out, v)
		_, rest, ok := strings.Cut(v, " ")
		if !ok {
			continue
		}
		rest = strings.TrimLeft(rest, " ")
		out = append(out, rest)
		if raw, err := base64.StdEncoding.DecodeString(rest); err == nil {
			if _, password, ok := strings.Cut(string(raw), ":"); ok {
				out = append(out, password)
			}
		}
	}
	return out
}
