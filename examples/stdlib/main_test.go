package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/examples/internal/httpserve"
	"github.com/fourxx/fourxx/internal/logtest"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

const (
	reader = "reader-token"
	writer = "writer-token"
)

// newTestServer serves newHandler with a strict renderer (a problem missing
// a header its status requires panics, and the test sees a 500) and returns
// the log it writes to.
func newTestServer(t *testing.T, rate float64, burst int) (*httptest.Server, *logtest.Buffer) {
	t.Helper()
	logger, logs := logtest.New()
	h, err := newHandler(appConfig{
		renderer: errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: logger}),
		logger:   logger,
		rate:     rate,
		burst:    burst,
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, logs
}

// request is one request a test sends.
type request struct {
	method, path, token, contentType, body string
}

// response is what came back on the wire, body included for HEAD.
type response struct {
	status int
	header http.Header
	body   []byte
}

// send writes req on a fresh connection and reads the raw response until the
// server closes it, so that a body sent after a HEAD would be seen (the Go
// client never reads one).
func send(t *testing.T, srv *httptest.Server, req request) response {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	var b strings.Builder
	b.WriteString(req.method + " " + req.path + " HTTP/1.1\r\nHost: notes.test\r\nConnection: close\r\n")
	if req.token != "" {
		b.WriteString("Authorization: Bearer " + req.token + "\r\n")
	}
	if req.contentType != "" {
		b.WriteString("Content-Type: " + req.contentType + "\r\n")
	}
	if req.body != "" || req.method == http.MethodPost {
		b.WriteString("Content-Length: " + strconv.Itoa(len(req.body)) + "\r\n")
	}
	b.WriteString("\r\n" + req.body)
	if _, err := io.WriteString(conn, b.String()); err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(conn)
	if err != nil {
		t.Fatal(err)
	}
	head, body, ok := bytes.Cut(raw, []byte("\r\n\r\n"))
	if !ok {
		t.Fatalf("no header section in %q", raw)
	}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(append(head, "\r\n\r\n"...))), nil)
	if err != nil {
		t.Fatalf("%v in %q", err, raw)
	}
	resp.Body.Close()
	if req.method != http.MethodHead && resp.Header.Get("Transfer-Encoding") == "" {
		if cl := resp.Header.Get("Content-Length"); cl != strconv.Itoa(len(body)) {
			t.Errorf("Content-Length %q, body has %d bytes", cl, len(body))
		}
	}
	return response{status: resp.StatusCode, header: resp.Header, body: body}
}

// wantProblem checks that rep is a problem document of the given status:
// application/problem+json with no parameters, one nosniff, status and
// title in the body matching (the body is empty for HEAD), and it returns
// the decoded members.
func wantProblem(t *testing.T, rep response, status int, head bool) map[string]any {
	t.Helper()
	if rep.status != status {
		t.Fatalf("status %d, want %d; body %s", rep.status, status, rep.body)
	}
	if ct := rep.header.Values("Content-Type"); len(ct) != 1 || ct[0] != "application/problem+json" {
		t.Errorf("Content-Type %q, want application/problem+json", ct)
	}
	if v := rep.header.Values("X-Content-Type-Options"); len(v) != 1 || v[0] != "nosniff" {
		t.Errorf("X-Content-Type-Options %q, want one nosniff", v)
	}
	if head {
		if len(rep.body) != 0 {
			t.Errorf("HEAD response has a body: %q", rep.body)
		}
		return nil
	}
	var doc map[string]any
	if err := json.Unmarshal(rep.body, &doc); err != nil {
		t.Fatalf("body is not JSON: %v: %q", err, rep.body)
	}
	if doc["status"] != float64(status) {
		t.Errorf("body status %v, want %d", doc["status"], status)
	}
	if doc["title"] != errorsx.ReasonPhrase(status) {
		t.Errorf("title %v, want %q", doc["title"], errorsx.ReasonPhrase(status))
	}
	return doc
}

// TestLegacyErrorsBecomeProblems sends every kind of error the legacy code,
// the mux and the added middlewares produce, and checks each one is a
// problem with the right status, detail and headers. bare is the status the
// legacy mux alone answers with (0 when the error comes from a middleware),
// checked to be the plain, non-problem response Normalize replaces.
func TestLegacyErrorsBecomeProblems(t *testing.T) {
	srv, _ := newTestServer(t, 1000, 1000)
	bare := httptest.NewServer(newLegacyMux())
	t.Cleanup(bare.Close)
	summary := func(status int) *string { s := errorsx.Summary(status); return &s }
	tests := []struct {
		name   string
		req    request
		status int
		bare   int
		detail *string // nil: not checked
		header map[string]string
	}{
		{"http.Error 404", request{method: "GET", path: "/notes/99", token: reader}, 404, 404, ptr("note not found"), nil},
		{"http.Error 400", request{method: "GET", path: "/notes/abc", token: reader}, 400, 400, ptr("note id must be a number"), nil},
		{"ServeMux 404, its text replaced by NotFound's detail", request{method: "GET", path: "/nowhere", token: reader}, 404, 404, ptr(errorsx.NotFoundDetail), nil},
		{"38 ServeMux 405 keeps Allow", request{method: "PUT", path: "/notes/1", token: writer}, 405, 405, nil,
			map[string]string{"Allow": "DELETE, GET, HEAD"}},
		{"http.Error 415 keeps Accept", request{method: "POST", path: "/notes", token: writer, contentType: "text/plain", body: "hi"}, 415, 415,
			ptr("send the note as application/json"), map[string]string{"Accept": "application/json"}},
		{"http.Error 400 malformed JSON", request{method: "POST", path: "/notes", token: writer, contentType: "application/json", body: `{"text":`}, 400, 400,
			ptr("bad json: unexpected EOF"), nil},
		{"http.Error 413", request{method: "POST", path: "/notes", token: writer, contentType: "application/json", body: `{"text":"` + strings.Repeat("a", 2000) + `"}`}, 413, 413,
			ptr("request body too large"), nil},
		{"http.Error 422 required", request{method: "POST", path: "/notes", token: writer, contentType: "application/json", body: `{"text":"  "}`}, 422, 422,
			ptr("text is required"), nil},
		{"http.Error 422 too long", request{method: "POST", path: "/notes", token: writer, contentType: "application/json", body: `{"text":"` + strings.Repeat("é", 281) + `"}`}, 422, 422,
			ptr("text is longer than 280 characters"), nil},
		{"bare WriteHeader 409, empty body", request{method: "PUT", path: "/notes/1/lock", token: writer}, 409, 409, summary(409), nil},
		{"bare WriteHeader 404, empty body", request{method: "PUT", path: "/notes/99/lock", token: writer}, 404, 404, ptr(errorsx.NotFoundDetail), nil},
		{"http.Error 403, reason phrase replaced", request{method: "DELETE", path: "/notes/1", token: writer}, 403, 403, summary(403), nil},
		{"15.1 http.Error 418 becomes 400 and keeps the handler's text", request{method: "GET", path: "/coffee", token: reader}, 400, 418,
			ptr("notes cannot brew coffee"), nil},
		{"15.3 long plain text shortened at a word boundary", request{method: "GET", path: "/search", token: reader}, 400, 400,
			ptr("search needs a query: q is the text to look for (at least 3 characters); add limit=N for at most N results (1 to 100, default 20) and after=ID to page through the results in id order; quotes match…"), nil},
		{"15.3 HTML inside a text/plain http.Error never becomes the detail", request{method: "GET", path: "/v0/notes", token: reader}, 410, 410, summary(410), nil},
		{"15.2 http.Error 500 sends no text", request{method: "GET", path: "/export", token: reader}, 500, 500, nil, nil},
		{"15.4 a legacy 401 gets the API's challenge", request{method: "GET", path: "/admin", token: reader}, 401, 401, ptr("admin only"),
			map[string]string{"WWW-Authenticate": `Bearer realm="fourxx-notes"`}},
		{"401 without credentials", request{method: "GET", path: "/notes"}, 401, 0, nil,
			map[string]string{"WWW-Authenticate": `Bearer realm="fourxx-notes"`}},
		{"401 with an unknown token", request{method: "GET", path: "/notes", token: "guess"}, 401, 0, nil,
			map[string]string{"WWW-Authenticate": `Bearer realm="fourxx-notes", error="invalid_token", error_description="unknown token"`}},
		{"401 before 404: unknown paths are private too", request{method: "GET", path: "/nowhere"}, 401, 0, nil,
			map[string]string{"WWW-Authenticate": `Bearer realm="fourxx-notes"`}},
		{"403 a reader may not write", request{method: "DELETE", path: "/notes/1", token: reader}, 403, 0, nil,
			map[string]string{"WWW-Authenticate": `Bearer realm="fourxx-notes", error="insufficient_scope", scope="notes:write"`}},
		{"40 unknown method on a mux path → 501", request{method: "BREW", path: "/notes", token: writer}, 501, 405, nil, nil},
		{"40 unknown method on no path → 501", request{method: "BREW", path: "/nowhere", token: writer}, 501, 404, nil, nil},
		{"40 methods are case-sensitive → 501", request{method: "get", path: "/notes", token: writer}, 501, 405, nil, nil},
		{"18 HEAD of a legacy 404 has no body", request{method: "HEAD", path: "/notes/99", token: reader}, 404, 404, nil, nil},
		{"18 HEAD of a ServeMux 405 has no body", request{method: "HEAD", path: "/notes/1/lock", token: reader}, 405, 405, nil,
			map[string]string{"Allow": "PUT"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head := tt.req.method == http.MethodHead
			rep := send(t, srv, tt.req)
			doc := wantProblem(t, rep, tt.status, head)
			for name, want := range tt.header {
				if got := rep.header.Values(name); len(got) != 1 || got[0] != want {
					t.Errorf("%s %q, want [%q]", name, got, want)
				}
			}
			if tt.detail != nil && !head {
				if got, _ := doc["detail"].(string); got != *tt.detail {
					t.Errorf("detail %q, want %q", got, *tt.detail)
				}
			}
			if tt.bare != 0 {
				legacy := send(t, bare, tt.req)
				if legacy.status != tt.bare || strings.Contains(legacy.header.Get("Content-Type"), "problem") {
					t.Errorf("the legacy mux alone answered %d %q, want a plain %d", legacy.status, legacy.header.Get("Content-Type"), tt.bare)
				}
			}
		})
	}
}

// TestLegacy5xxTextLogged: issue 15 item 2 — the text of a legacy 500
// never reaches the client and always reaches the log.
func TestLegacy5xxTextLogged(t *testing.T) {
	srv, logs := newTestServer(t, 1000, 1000)
	rep := send(t, srv, request{method: "GET", path: "/export", token: reader})
	wantProblem(t, rep, 500, false)
	if bytes.Contains(rep.body, []byte("export.csv")) {
		t.Errorf("500 body leaks the handler's text: %s", rep.body)
	}
	var line string
	for l := range strings.Lines(logs.String()) {
		if strings.Contains(l, "level=ERROR") && strings.Contains(l, "path=/export") {
			_, line, _ = strings.Cut(strings.TrimSpace(l), " ") // drop time=…
		}
	}
	if !strings.Contains(line, `cause="handler wrote: export: open /var/lib/notes/export.csv: permission denied"`) {
		t.Fatalf("the handler's text is not in the log:\n%s", logs)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "\n"+line+"\n") {
		t.Errorf("the README's legacy walkthrough does not show the log line\n%s", line)
	}
}

// TestLegacy401WarnsOnce: issue 15 item 4 — a legacy 401 without
// WWW-Authenticate is logged once per route at WARN, not at ERROR per
// request.
func TestLegacy401WarnsOnce(t *testing.T) {
	srv, logs := newTestServer(t, 1000, 1000)
	for range 3 {
		wantProblem(t, send(t, srv, request{method: "GET", path: "/admin", token: reader}), 401, false)
	}
	if n := strings.Count(logs.String(), "without WWW-Authenticate"); n != 1 {
		t.Errorf("%d warnings for three requests, want 1:\n%s", n, logs)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a legacy 401 logged at ERROR:\n%s", logs)
	}
}

// TestSuccessUnchanged checks that what the legacy code answers successfully
// passes through byte for byte, headers included: the stack adds only the
// RateLimit fields.
func TestSuccessUnchanged(t *testing.T) {
	tests := []request{
		{method: "GET", path: "/notes", token: reader},
		{method: "GET", path: "/notes/1", token: reader},
		{method: "HEAD", path: "/notes/1", token: reader},
		{method: "POST", path: "/notes", token: writer, contentType: "application/json", body: `{"text":"buy milk"}`},
	}
	for _, req := range tests {
		t.Run(req.method+" "+req.path, func(t *testing.T) {
			srv, _ := newTestServer(t, 1000, 1000)
			bare := httptest.NewServer(newLegacyMux())
			t.Cleanup(bare.Close)
			got, want := send(t, srv, req), send(t, bare, req)
			if got.status != want.status || !bytes.Equal(got.body, want.body) {
				t.Fatalf("got %d %q, want %d %q", got.status, got.body, want.status, want.body)
			}
			if want.status >= 300 {
				t.Fatalf("legacy answered %d; the case must be a success", want.status)
			}
			if req.method == http.MethodHead && len(got.body) != 0 {
				t.Errorf("HEAD response has a body: %q", got.body)
			}
			for name, values := range want.header {
				if name != "Date" && strings.Join(got.header[name], "\n") != strings.Join(values, "\n") {
					t.Errorf("%s %q, want %q", name, got.header[name], values)
				}
			}
			for name := range got.header {
				if _, ok := want.header[name]; !ok && name != "Ratelimit" && name != "Ratelimit-Policy" {
					t.Errorf("added header %s: %q", name, got.header[name])
				}
			}
		})
	}
}

// TestPanicIsGeneric500 checks that a panic becomes the renderer's generic
// 500 with none of its internals, and that the log gets them instead.
func TestPanicIsGeneric500(t *testing.T) {
	srv, logs := newTestServer(t, 1000, 1000)
	for _, method := range []string{"GET", "HEAD"} {
		t.Run(method, func(t *testing.T) {
			rep := send(t, srv, request{method: method, path: "/crash", token: reader})
			doc := wantProblem(t, rep, 500, method == http.MethodHead)
			for _, secret := range []string{"10.0.0.7", "notes_admin", "dial tcp", "goroutine", "legacy.go", "panic"} {
				if bytes.Contains(rep.body, []byte(secret)) {
					t.Errorf("500 body leaks %q: %s", secret, rep.body)
				}
			}
			if doc != nil && doc["detail"] == "" {
				t.Errorf("500 body has no generic detail: %s", rep.body)
			}
			if !strings.Contains(logs.String(), "dial tcp 10.0.0.7:5432") {
				t.Errorf("the panic value is not in the log:\n%s", logs)
			}
		})
	}
}

// TestRateLimit checks 429 with Retry-After, per identity for valid tokens
// and per client IP otherwise, so 401s are counted too.
func TestRateLimit(t *testing.T) {
	tests := []struct {
		name   string
		tokens []string // one request each, in order
		want   []int
	}{
		{"per identity", []string{reader, reader, reader, writer}, []int{200, 200, 429, 200}},
		{"guessing tokens is limited by IP", []string{"", "guess", "guess2", reader}, []int{401, 401, 429, 200}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newTestServer(t, 0.01, 2) // one token per 100 s
			for i, token := range tt.tokens {
				rep := send(t, srv, request{method: "GET", path: "/notes", token: token})
				if tt.want[i] != http.StatusTooManyRequests {
					if rep.status != tt.want[i] {
						t.Fatalf("request %d: status %d, want %d: %s", i, rep.status, tt.want[i], rep.body)
					}
					continue
				}
				wantProblem(t, rep, 429, false)
				ra, err := strconv.Atoi(rep.header.Get("Retry-After"))
				if err != nil || ra < 1 || ra > 100 {
					t.Errorf("Retry-After %q, want whole seconds in 1..100", rep.header.Get("Retry-After"))
				}
				if rep.header.Get("RateLimit-Policy") == "" || rep.header.Get("RateLimit") == "" {
					t.Errorf("429 without RateLimit fields: %v", rep.header)
				}
			}
		})
	}
}

// TestRunShutsDownGracefully starts the command's server, answers one
// request and stops it through its context.
func TestRunShutsDownGracefully(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	go func() {
		done <- run(ctx, config{httpserve.LimitFlags{Addr: "127.0.0.1:0", Rate: 5, Burst: 10}}, logger, pw)
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	base := line[strings.LastIndex(line, " ")+1 : len(line)-1]
	resp, err := http.Get(base + "/notes")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 || resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("GET /notes without a token: %d %q, want a 401 problem", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return after cancel")
	}
}

// TestParseFlags checks the defaults and that a rate limit that cannot
// work is refused.
func TestParseFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    config
		wantErr bool
	}{
		{nil, config{httpserve.LimitFlags{Addr: "127.0.0.1:8081", Rate: 5, Burst: 10}}, false},
		{[]string{"-addr", "127.0.0.1:9000", "-rate", "0.5", "-burst", "1"}, config{httpserve.LimitFlags{Addr: "127.0.0.1:9000", Rate: 0.5, Burst: 1}}, false},
		{[]string{"-rate", "0"}, config{}, true},
		{[]string{"-burst", "0"}, config{}, true},
		{[]string{"-nope"}, config{}, true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			got, err := parseFlags(tt.args, io.Discard)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v, want error %v", err, tt.wantErr)
			}
			if !tt.wantErr && got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func ptr(s string) *string { return &s }
