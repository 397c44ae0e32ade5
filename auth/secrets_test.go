package auth_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/logtest"
)

// The secret hygiene of the whole suite: every slog record any test of the
// package writes is captured (slog.Default and every renderer's logger go
// to internal/logtest Recorders), every credential any test sends through do
// is remembered, and TestMain fails the run when one of them appears in a
// log line. do also checks each response's body and header fields against
// the credentials of its request.

// minSecretLen is the shortest credential looked for by the suite-wide
// checks. The fixtures' short tokens are words the suite's own texts use
// ("expired" is both a token and a description), so only longer values
// (every full Authorization value, decoded Basic credentials, longer
// tokens) are checked there; TestSecretHygiene uses distinctive secrets
// and checks everything.
const minSecretLen = 8

// fixtureSecrets are secrets the suite's verifiers hold or fail with.
var fixtureSecrets = []string{secretBackendText, "hunter2", "10.0.0.7", "correct horse", "pa:ss", "bob:pw"}

var suite struct {
	mu      sync.Mutex
	secrets map[string]bool
	logs    []capturedLogs
}

// capturedLogs is a Recorder whose String the final check searches.
type capturedLogs = *logtest.Recorder

// captureLogs returns a logger whose records TestMain checks.
func captureLogs() (*slog.Logger, capturedLogs) {
	rec := logtest.NewRecorder()
	suite.mu.Lock()
	suite.logs = append(suite.logs, rec)
	suite.mu.Unlock()
	return slog.New(rec), rec
}

// sentSecrets lists the credentials a request carries: each Authorization
// and API key value, the part after the auth-scheme, decoded Basic
// credentials and their password, and query access tokens.
func sentSecrets(path string, header http.Header) []string {
	var out []string
	for name, values := range header {
		if name != "Authorization" && !strings.Contains(strings.ToLower(name), "key") {
			continue
		}
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
				out = append(out, string(raw))
				if _, password, ok := strings.Cut(string(raw), ":"); ok {
					out = append(out, password)
				}
			}
		}
	}
	if u, err := url.Parse(path); err == nil {
		if q, err := url.ParseQuery(u.RawQuery); err == nil {
			out = append(out, q["access_token"]...)
		}
	}
	return out
}

// checkResponse fails t when a credential of the request (minSecretLen or
// longer) is in the response body or a response header field, and
// remembers the credentials for TestMain.
func checkResponse(t *testing.T, path string, reqHeader http.Header, res response) {
	t.Helper()
	suite.mu.Lock()
	defer suite.mu.Unlock()
	if suite.secrets == nil {
		suite.secrets = map[string]bool{}
	}
	var fields strings.Builder
	_ = res.header.Write(&fields)
	for _, s := range sentSecrets(path, reqHeader) {
		if len(s) < minSecretLen {
			continue
		}
		suite.secrets[s] = true
		if strings.Contains(res.body, s) || strings.Contains(fields.String(), s) {
			t.Errorf("response to %s echoes credential %q:\n%s\n%s", path, s, fields.String(), res.body)
		}
	}
}

func TestMain(m *testing.M) {
	logger, _ := captureLogs()
	slog.SetDefault(logger) // renderers without a Logger, and libraries, log here
	code := m.Run()
	if code == 0 {
		if leaks := suiteLeaks(); leaks != "" {
			fmt.Fprint(os.Stderr, "FAIL: secret hygiene: credentials appear in the logs of the auth suite:\n"+leaks)
			code = 1
		}
	}
	os.Exit(code)
}

// suiteLeaks reports every remembered or fixture secret found in any
// captured log.
func suiteLeaks() string {
	suite.mu.Lock()
	defer suite.mu.Unlock()
	var all strings.Builder
	for _, b := range suite.logs {
		all.WriteString(b.String())
	}
	logs := all.String()
	var leaks strings.Builder
	check := func(s string) {
		if strings.Contains(logs, s) {
			fmt.Fprintf(&leaks, "  %q\n", s)
		}
	}
	for s := range suite.secrets {
		check(s)
	}
	for _, s := range fixtureSecrets {
		check(s)
	}
	if len(suite.secrets) > 0 && len(logs) == 0 {
		leaks.WriteString("  (requests were sent but nothing was logged: the capture is broken)\n")
	}
	return leaks.String()
}

// TestSecretHygiene sends distinctive secrets through every scheme and
// every outcome — accepted, rejected, malformed, oversized, sent two ways,
// refused (403), hidden (404), verifier failure (500) and outage (503) —
// and checks that none appears in a response body, a response header
// field, or any log record, including the verifier's own error text.
func TestSecretHygiene(t *testing.T) {
	const (
		token    = "tok-3Jq8vN2xWc7RkP5m"
		badToken = "tok-9Zt4bL6yHs1QdF8e"
		failTok  = "tok-fail-Xr5Gm2Kp7Vn3"
		downTok  = "tok-down-Lc8Wq4Tj1Bz6"
		user     = "svc-ingest"
		password = "pw-Ek7Rh3Ua9Mf2Xs5d"
		badPass  = "pw-Nq1Yc6Vb8Jg4Zt0w"
		apiKey   = "key-Hp2Dx7Fm5Cq9Lr3"
		badKey   = "key-Wt6Bs1Ng8Kv4Yj2"
		backend  = "dsn=postgres://ingest:Tq9xLm2Rv8@db.internal:5432"
	)
	secrets := []string{token, badToken, failTok, downTok, password, badPass, apiKey, badKey, backend, "Tq9xLm2Rv8"}
	verifyToken := func(_ context.Context, tok string) (*auth.Identity, error) {
		switch tok {
		case token:
			return &auth.Identity{Subject: "ingest", Scopes: []string{"read"}}, nil
		case failTok:
			return nil, fmt.Errorf("lookup %s failed: %s", tok, backend)
		case downTok:
			return nil, fmt.Errorf("%w: %s (token %s)", auth.ErrUnavailable, backend, tok)
		}
		return nil, auth.Invalid("unknown token")
	}
	logs, defaultLogs := logtest.NewRecorder(), logtest.NewRecorder()
	logger, defaultLogger := slog.New(logs), slog.New(defaultLogs)
	prev := slog.Default()
	slog.SetDefault(defaultLogger)
	defer slog.SetDefault(prev)
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: logger})
	a := auth.New(auth.Options{Renderer: rd, Schemes: []auth.Scheme{
		auth.Basic(auth.BasicOptions{Realm: "h", Verify: auth.BasicCredentials(map[string]string{user: password})}),
		auth.Bearer(auth.BearerOptions{Realm: "h", Verify: verifyToken, AllowQueryToken: true}),
		auth.APIKey(auth.APIKeyOptions{Realm: "h", Verify: auth.StaticKeys(map[string]string{apiKey: "ingest"})}),
	}})
	mux := http.NewServeMux()
	mux.Handle("/read", a.Require(auth.RequireOptions{Scopes: []string{"read"}})(whoami))
	mux.Handle("/admin", a.Require(auth.RequireOptions{Scopes: []string{"admin"}})(whoami))
	mux.Handle("/hidden", a.Require(auth.RequireOptions{AnyRole: []string{"admin"}, HideAs404: true})(whoami))
	srv := serve(t, a.Authenticate(mux))
	basic := func(u, p string) string { return "Basic " + base64.StdEncoding.EncodeToString([]byte(u+":"+p)) }
	tests := []struct {
		name, path string
		header     http.Header
		wantStatus int
	}{
		{"bearer_valid", "/read", authz("Bearer " + token), 200},
		{"bearer_invalid", "/read", authz("Bearer " + badToken), 401},
		{"bearer_malformed", "/read", authz("Bearer " + token + " " + badToken), 401},
		{"bearer_twice", "/read", authz("Bearer "+token, "Bearer "+badToken), 400},
		{"bearer_oversized", "/read", authz("Bearer " + token + strings.Repeat("x", auth.MaxCredentialsLength)), 400},
		{"bearer_two_ways", "/read?access_token=" + badToken, authz("Bearer " + token), 400},
		{"query_token", "/read?access_token=" + token, nil, 200},
		{"query_token_invalid", "/read?access_token=" + badToken, nil, 401},
		{"bearer_forbidden", "/admin", authz("Bearer " + token), 403},
		{"bearer_hidden", "/hidden", authz("Bearer " + token), 404},
		{"verifier_failure", "/read", authz("Bearer " + failTok), 500},
		{"verifier_outage", "/read", authz("Bearer " + downTok), 503},
		{"basic_valid", "/admin", authz(basic(user, password)), 403},
		{"basic_wrong_password", "/read", authz(basic(user, badPass)), 401},
		{"basic_control_character", "/read", authz(basic(user, badPass+"\x01")), 401},
		{"api_key_valid", "/admin", http.Header{"X-Api-Key": {apiKey}}, 403},
		{"api_key_invalid", "/read", http.Header{"X-Api-Key": {badKey}}, 401},
		{"api_key_twice", "/read", http.Header{"X-Api-Key": {apiKey, badKey}}, 400},
		{"api_key_malformed", "/read", http.Header{"X-Api-Key": {badKey + "é"}}, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, srv, "GET", tt.path, tt.header)
			if res.status != tt.wantStatus {
				t.Errorf("status %d, want %d: %s", res.status, tt.wantStatus, res.body)
			}
			var fields strings.Builder
			_ = res.header.Write(&fields)
			for _, s := range secrets {
				if strings.Contains(res.body, s) || strings.Contains(fields.String(), s) {
					t.Errorf("response carries secret %q:\n%s%s", s, fields.String(), res.body)
				}
			}
		})
	}
	// The key function sees the same credentials and must not log them
	// either (its errors are VerifierErrors, safe to log).
	for _, tok := range []string{token, failTok, downTok} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Authorization", "Bearer "+tok)
		if _, err := a.SubjectKey(r); err != nil {
			logger.Error("key function failed", "error", err)
		}
	}
	all := logs.String() + defaultLogs.String()
	if !strings.Contains(all, "ERROR ") || !strings.Contains(all, "status=401") {
		t.Fatalf("the capture saw no ERROR (500/503) or 401 record, so it proves nothing:\n%s", all)
	}
	for _, s := range secrets {
		if strings.Contains(all, s) {
			t.Errorf("a log record carries secret %q:\n%s", s, all)
		}
	}
}
