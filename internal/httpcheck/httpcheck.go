package httpcheck

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A Reply is a response read in full.
type Reply struct {
	Status int         // the status code
	Header http.Header // the header fields
	Body   []byte      // the whole body
}

// NewServer starts a test server that also answers OPTIONS * through the
// handler instead of net/http's built-in answer.
func NewServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.DisableGeneralOptionsHandler = true
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// Send performs one request through a real connection.
func Send(t *testing.T, srv *httptest.Server, method, path string, body io.Reader, header map[string]string) Reply {
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
	return Reply{resp.StatusCode, resp.Header, b}
}

// SendRaw writes a request line and headers verbatim, for methods and
// targets the Go client refuses to send (lower-case, "*", odd characters).
func SendRaw(t *testing.T, srv *httptest.Server, requestLine string, extra ...string) Reply {
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
	return Reply{resp.StatusCode, resp.Header, b}
}

// A ProblemBody is the part of a problem document the tests look at.
type ProblemBody struct {
	Type, Title, Detail string // the RFC 9457 members of the same names
	Status              int    // the status member
	MaxBytes            int64  `json:"max_bytes"` // BodyLimit's extension member
}

// WantProblem checks that rep is a problem with the given status, a body for
// every method but HEAD (RFC 9110 §15.5, §9.3.2), and returns the body.
func WantProblem(t *testing.T, rep Reply, status int, head bool) ProblemBody {
	t.Helper()
	if rep.Status != status {
		t.Fatalf("status = %d, want %d; body %s", rep.Status, status, rep.Body)
	}
	if ct := rep.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type = %q, want application/problem+json", ct)
	}
	var p ProblemBody
	if head {
		if len(rep.Body) != 0 {
			t.Fatalf("HEAD response has a body: %q", rep.Body)
		}
		return p
	}
	if err := json.Unmarshal(rep.Body, &p); err != nil {
		t.Fatalf("body is not JSON: %v: %s", err, rep.Body)
	}
	if p.Status != status || p.Title == "" {
		t.Fatalf("body status %d title %q, want %d and a title", p.Status, p.Title, status)
	}
	for _, leak := range []string{"goroutine", ".go:", "panic"} {
		if strings.Contains(string(rep.Body), leak) {
			t.Fatalf("body leaks %q: %s", leak, rep.Body)
		}
	}
	return p
}

// WantAllow checks for exactly one Allow field line with value want.
func WantAllow(t *testing.T, rep Reply, want string) {
	t.Helper()
	if got, ok := rep.Header["Allow"]; !ok || len(got) != 1 || got[0] != want {
		t.Fatalf("Allow = %q (present %v), want one line %q", got, ok, want)
	}
}

// RecorderDo serves one request with a recorder.
func RecorderDo(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

// SendChunked posts body with Transfer-Encoding: chunked (the reader hides
// its length from the client).
func SendChunked(t *testing.T, s *httptest.Server, url, body, ct string) Reply {
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
	return Reply{resp.StatusCode, resp.Header, b}
}
