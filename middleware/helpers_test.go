package middleware_test

import (
	"bufio"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
)

// strict is the renderer every test uses: a problem missing a required
// header (405 without Allow …) panics instead of passing silently.
var strict = errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: slog.New(slog.DiscardHandler)})

// reply is a response read in full.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// newServer starts a test server that also answers OPTIONS * through the
// handler instead of net/http's built-in answer.
func newServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.DisableGeneralOptionsHandler = true
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// send performs one request through a real connection.
func send(t *testing.T, srv *httptest.Server, method, path string, body io.Reader, header map[string]string) reply {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return reply{resp.StatusCode, resp.Header, b}
}

// sendRaw writes a request line and headers verbatim, for methods and
// targets the Go client refuses to send (lower-case, "*", odd characters).
func sendRaw(t *testing.T, srv *httptest.Server, requestLine string, extra ...string) reply {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	msg := requestLine + "\r\nHost: test\r\nConnection: close\r\n"
	for _, h := range extra {
		msg += h + "\r\n"
	}
	if _, err := io.WriteString(conn, msg+"\r\n"); err != nil {
		t.Fatal(err)
	}
	method, _, _ := strings.Cut(requestLine, " ")
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Header, b}
}

// problemBody is the part of a problem document the tests look at.
type problemBody struct {
	Type, Title, Detail string
	Status              int
	MaxBytes            int64 `json:"max_bytes"`
}

// wantProblem checks that rep is a problem with the given status, a body for
// every method but HEAD (RFC 9110 §15.5, §9.3.2), and returns the body.
func wantProblem(t *testing.T, rep reply, status int, head bool) problemBody {
	t.Helper()
	if rep.status != status {
		t.Fatalf("status = %d, want %d; body %s", rep.status, status, rep.body)
	}
	if ct := rep.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type = %q, want application/problem+json", ct)
	}
	var p problemBody
	if head {
		if len(rep.body) != 0 {
			t.Fatalf("HEAD response has a body: %q", rep.body)
		}
		return p
	}
	if err := json.Unmarshal(rep.body, &p); err != nil {
		t.Fatalf("body is not JSON: %v: %s", err, rep.body)
	}
	if p.Status != status || p.Title == "" {
		t.Fatalf("body status %d title %q, want %d and a title", p.Status, p.Title, status)
	}
	for _, leak := range []string{"goroutine", ".go:", "panic"} {
		if strings.Contains(string(rep.body), leak) {
			t.Fatalf("body leaks %q: %s", leak, rep.body)
		}
	}
	return p
}

// wantAllow checks for exactly one Allow field line with value want.
func wantAllow(t *testing.T, rep reply, want string) {
	t.Helper()
	if got, ok := rep.header["Allow"]; !ok || len(got) != 1 || got[0] != want {
		t.Fatalf("Allow = %q (present %v), want one line %q", got, ok, want)
	}
}

// ok is a handler that answers 200 "ok".
var ok = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok") })

// recorderDo serves one request with a recorder.
func recorderDo(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

// sendChunked posts body with Transfer-Encoding: chunked (the reader hides
// its length from the client).
func sendChunked(t *testing.T, s *httptest.Server, url, body, ct string) reply {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+url, io.MultiReader(strings.NewReader(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ct)
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if req.ContentLength != -1 && req.ContentLength != 0 {
		t.Fatalf("request was not chunked (ContentLength %d)", req.ContentLength)
	}
	return reply{resp.StatusCode, resp.Header, b}
}
