package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/internal/logtest"
)

// secretHygiene records what one server logged and answered, and checks
// that no secret appears in either.
type secretHygiene struct {
	logs      *logtest.Recorder
	exchanges []exchange
}

// assertNowhere fails the test for every log record or response body that
// contains one of secrets; in response bodies only where inResponse says
// so for the exchange (a body value may come back in the 201 that stored it).
func (h *secretHygiene) assertNowhere(t *testing.T, secrets []string, inResponse func(exchange) bool) {
	t.Helper()
	records := h.logs.Records()
	if len(records) == 0 {
		t.Fatal("nothing was logged: the check would prove nothing")
	}
	for _, s := range secrets {
		for _, r := range records {
			if strings.Contains(r.String(), s) {
				t.Errorf("log record holds %q: %s", s, r)
			}
		}
		for _, x := range h.exchanges {
			if inResponse(x) && (strings.Contains(string(x.body), s) || strings.Contains(headerText(x.header), s)) {
				t.Errorf("%s: response holds %q:\n%s", x.name, s, x)
			}
		}
	}
}

func headerText(h http.Header) string {
	var b strings.Builder
	for name, values := range h {
		b.WriteString(name + ": " + strings.Join(values, ", ") + "\n")
	}
	return b.String()
}

func always(exchange) bool { return true }

func basicAuth(userPass string) []string {
	return []string{"Authorization", "Basic " + base64.StdEncoding.EncodeToString([]byte(userPass))}
}

// TestNoCredentialInLogsOrResponses sends the demo its Basic password and
// Bearer tokens, wrong and malformed credentials, and credentials on
// requests that fail later (403, 404, 405, 413, 415, 422, 429, 501), with
// everything it logs recorded (net/http's error log included); no
// credential, nor the Authorization value carrying it, may appear in a log
// record, a response header or a response body.
func TestNoCredentialInLogsOrResponses(t *testing.T) {
	t.Parallel()
	logs := logtest.NewRecorder()
	s := startLoggingDemo(t, 1, 3, slog.New(logs))
	wrongBearer := "wrong-token-5a1c"
	wrongPassword := "wrong-password-93be"
	long := strings.Repeat("long-token-", 1000)
	rqs := []req{
		{name: "200 reader", path: "/v1/widgets", headers: readerAuth},
		{name: "200 alice", path: "/v1/widgets", headers: aliceAuth},
		{name: "401 wrong bearer", path: "/v1/widgets", headers: []string{"Authorization", "Bearer " + wrongBearer}},
		{name: "401 wrong password", path: "/v1/widgets", headers: basicAuth("alice:" + wrongPassword)},
		{name: "401 unknown user", path: "/v1/widgets", headers: basicAuth("mallory-user-61d2:" + wrongPassword)},
		{name: "401 token with spaces", path: "/v1/widgets", headers: []string{"Authorization", "Bearer writer-token trailing-part-7e0a"}},
		{name: "401 basic not base64", path: "/v1/widgets", headers: []string{"Authorization", "Basic !!" + wrongPassword}},
		{name: "400 overlong token", path: "/v1/widgets", headers: []string{"Authorization", "Bearer " + long}},
		{name: "400 two lines", path: "/v1/widgets", headers: hdrs(readerAuth, writerAuth)},
		{name: "403 reader writes", method: http.MethodPost, path: "/v1/widgets", body: validBody, headers: hdrs(readerAuth, jsonBody)},
		{name: "404 admin", path: "/v1/widgets/404", headers: adminAuth},
		{name: "405 writer", method: http.MethodPatch, path: "/v1/widgets/1", headers: writerAuth},
		{name: "501 admin", method: "BREW", path: "/v1/widgets", headers: adminAuth},
		{name: "415 writer", method: http.MethodPost, path: "/v1/widgets", body: []byte("x"), headers: hdrs(writerAuth, []string{"Content-Type", "text/plain"})},
		{name: "query token ignored", path: "/v1/widgets?access_token=" + wrongBearer},
		{name: "Proxy-Authorization ignored", path: "/v1/widgets", headers: []string{"Proxy-Authorization", "Basic " + base64.StdEncoding.EncodeToString([]byte("proxy:"+wrongPassword))}},
	}
	h := &secretHygiene{logs: logs}
	for _, rq := range rqs {
		h.exchanges = append(h.exchanges, s.do(t, rq))
	}
	// The bucket (burst 3) is empty by now: the same credentials get 429s.
	for range 3 {
		h.exchanges = append(h.exchanges, s.do(t, req{name: "429 writer", path: "/v1/widgets", headers: writerAuth}))
	}
	if last := h.exchanges[len(h.exchanges)-1]; last.status != http.StatusTooManyRequests {
		t.Fatalf("the limiter never refused: %v", last)
	}
	secrets := []string{"reader-token", "writer-token", "admin-token", "alice-password", wrongBearer, wrongPassword,
		"mallory-user-61d2", "trailing-part-7e0a", "long-token-", aliceAuth[1], readerAuth[1]}
	for _, x := range h.exchanges {
		if x.status == http.StatusInternalServerError {
			t.Errorf("%s: unearned 500", x.name)
		}
	}
	h.assertNowhere(t, secrets, always)
}

// TestNoAPIKeyOrBackendSecretInLogsOrResponses covers what the demo does
// not configure: an API key scheme beside its Basic and Bearer schemes, on
// the demo's renderer options and middleware order, and verifiers whose
// backend fails with an error that carelessly quotes the credential (the
// 5xx path, which logs the cause at ERROR: auth.VerifierError logs the
// scheme and the error's type, never its text).
func TestNoAPIKeyOrBackendSecretInLogsOrResponses(t *testing.T) {
	t.Parallel()
	const key, wrongKey = "api-key-0c4f9d", "wrong-key-b77e"
	down := func(_ context.Context, credential string) (*auth.Identity, error) {
		return nil, fmt.Errorf("key store lookup of %q: connection refused", credential)
	}
	logs := logtest.NewRecorder()
	schemes := append(schemes(), auth.APIKey(auth.APIKeyOptions{Realm: realm, Verify: auth.StaticKeys(map[string]string{key: "service"})}))
	ts := serveLoggingAuthenticated(t, schemes, auth.RequireOptions{}, slog.New(logs))
	failing := serveLoggingAuthenticated(t, []auth.Scheme{
		auth.APIKey(auth.APIKeyOptions{Realm: realm, Verify: down}),
		auth.Bearer(auth.BearerOptions{Realm: realm, Verify: down}),
	}, auth.RequireOptions{}, slog.New(logs))
	h := &secretHygiene{logs: logs}
	for _, c := range []struct {
		srv *httptest.Server
		rq  req
	}{
		{ts, req{name: "200 API key", path: "/", headers: []string{"X-API-Key", key}}},
		{ts, req{name: "401 wrong API key", path: "/", headers: []string{"X-API-Key", wrongKey}}},
		{ts, req{name: "401 non-ASCII API key", path: "/", headers: []string{"X-API-Key", wrongKey + "é"}}},
		{ts, req{name: "400 repeated API key", path: "/", headers: []string{"X-API-Key", key, "X-API-Key", wrongKey}}},
		{ts, req{name: "400 API key and Bearer", path: "/", headers: []string{"X-API-Key", key, "Authorization", "Bearer " + wrongKey}}},
		{ts, req{name: "400 oversized API key", path: "/", headers: []string{"X-API-Key", strings.Repeat(wrongKey, 1000)}}},
		{failing, req{name: "5xx API key backend down", path: "/", headers: []string{"X-API-Key", key}}},
		{failing, req{name: "5xx bearer backend down", path: "/", headers: readerAuth}},
	} {
		h.exchanges = append(h.exchanges, doURL(t, c.srv.Client(), c.srv.URL, c.rq))
	}
	if x := h.exchanges[0]; x.status != http.StatusOK || string(x.body) != "service" {
		t.Fatalf("the API key is not accepted, the check would prove little: %v", x)
	}
	for _, x := range h.exchanges[len(h.exchanges)-2:] {
		if x.status < 500 {
			t.Fatalf("backend failure answered %d, want a 5xx: %v", x.status, x)
		}
	}
	h.assertNowhere(t, []string{key, wrongKey, "reader-token"}, func(x exchange) bool { return x.name != "200 API key" })
	logged := false
	for _, r := range logs.Records() {
		logged = logged || strings.Contains(r.String(), "verifier failed")
	}
	if !logged {
		t.Error("the backend failure was never logged: an operator could not see it")
	}
}

// TestNoBodyValueInLogsOrErrors sends the demo JSON bodies and a query
// whose every value is a marker — wrong types, values out of range,
// unknown members, duplicate members, malformed JSON cut inside a string,
// bodies over the cap — and checks that no marker appears in a log record
// or an error response (the 201 that stores a widget returns it by
// design).
func TestNoBodyValueInLogsOrErrors(t *testing.T) {
	t.Parallel()
	logs := logtest.NewRecorder()
	s := startLoggingDemo(t, 10000, 10000, slog.New(logs))
	markers := []string{"name-value-1f2e", "color-value-3d4c", "qty-value-5b6a", "tag-value-7980", "email-value-a1b2",
		"unknown-value-c3d4", "dup-value-e5f6", "cut-value-0a1b", "query-value-2c3d", "big-value-4e5f"}
	bodies := []string{
		`{"name":"name-value-1f2e","color":"color-value-3d4c","quantity":"qty-value-5b6a","tags":["tag-value-7980"],"owner":{"email":"email-value-a1b2"}}`,
		`{"name":"ok","color":"red","quantity":1,"extra":"unknown-value-c3d4"}`,
		`{"name":"ok","color":"red","quantity":1,"name":"dup-value-e5f6"}`,
		`{"name":"cut-value-0a1b`,
		`{"name":"ok","color":"red","quantity":1,"tags":["a","b","c","d","e","tag-value-7980"]}`,
		`{"name":"` + strings.Repeat("name-value-1f2e", 70000) + `","color":"red","quantity":1}`,
		`["big-value-4e5f",` + strings.Repeat(`"big-value-4e5f",`, 70000) + `1]`,
	}
	h := &secretHygiene{logs: logs}
	for i, b := range bodies {
		for _, unsized := range []bool{false, true} {
			h.exchanges = append(h.exchanges, s.do(t, req{name: "body " + string(rune('A'+i)), method: http.MethodPost,
				path: "/v1/widgets", body: []byte(b), headers: hdrs(writerAuth, jsonBody), unsized: unsized}))
		}
	}
	h.exchanges = append(h.exchanges, s.do(t, req{name: "query", path: "/v1/widgets?limit=query-value-2c3d", headers: readerAuth}))
	for _, x := range h.exchanges {
		if x.status < 400 || x.status >= 500 {
			t.Errorf("%s: %d, want a 4xx", x.name, x.status)
		}
	}
	h.assertNowhere(t, markers, func(x exchange) bool { return x.status >= 400 })
}
