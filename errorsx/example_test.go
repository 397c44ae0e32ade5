package errorsx_test

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// A 405 constructor takes the allowed methods, so the Allow header cannot be
// forgotten; extension members are written at the top level.
func ExampleProblem() {
	p := errorsx.MethodNotAllowed("DELETE", "GET", "HEAD", "POST").With("resource", "widgets")
	rec := httptest.NewRecorder()
	errorsx.NewRenderer(errorsx.Options{}).Write(rec, httptest.NewRequest("DELETE", "/v1/widgets", nil), p)
	fmt.Println(rec.Code, rec.Header().Get("Allow"))
	fmt.Println(rec.Body.String())
	// Output:
	// 405 GET, HEAD, POST
	// {"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"The method DELETE is not allowed here. This resource supports only GET, HEAD, POST.","resource":"widgets"}
}

// One renderer per application: type URIs point at the reference site,
// domain errors are mapped, and instance URIs name each occurrence.
func ExampleRenderer() {
	rd := errorsx.NewRenderer(errorsx.Options{
		TypeBase: "https://api.example.com/problems/",
		Instance: func(r *http.Request) string { return "urn:uuid:" + r.Header.Get("X-Request-Id") },
		Map: func(err error) *errorsx.Problem {
			if errors.Is(err, sql.ErrNoRows) {
				return errorsx.NotFound("No widget with that id exists.")
			}
			return nil
		},
	})
	handler := rd.Handler(func(w http.ResponseWriter, r *http.Request) error {
		return fmt.Errorf("loading widget: %w", sql.ErrNoRows)
	})

	req := httptest.NewRequest("GET", "/v1/widgets/7", nil)
	req.Header.Set("X-Request-Id", "0b6f0d9e-5d3c-4a1e-9c57-2f1d1c7a8b90")
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	fmt.Println(rec.Body.String())
	// Output:
	// 404 application/problem+json
	// {"type":"https://api.example.com/problems/not-found","title":"Not Found","status":404,"detail":"No widget with that id exists.","instance":"urn:uuid:0b6f0d9e-5d3c-4a1e-9c57-2f1d1c7a8b90"}
}

// A Go client branches on the problem's status and type and honours
// Retry-After.
func ExampleFromResponse() {
	api := httptest.NewServer(errorsx.Handler(func(w http.ResponseWriter, r *http.Request) error {
		return errorsx.TooManyRequests(1200*time.Millisecond, "Slow down; retry in 2 s.")
	}))
	defer api.Close()

	resp, err := http.Get(api.URL)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	defer resp.Body.Close()
	p, err := errorsx.FromResponse(resp)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	wait, _ := p.RetryAfter()
	fmt.Println(p.Status, p.Title, "-", p.Detail, "- wait", wait)
	// Output: 429 Too Many Requests - Slow down; retry in 2 s. - wait 2s
}

// Handlers return errors instead of writing them; a 5xx cause is logged and
// never shown to the client.
func ExampleHandler() {
	h := errorsx.Handler(func(w http.ResponseWriter, r *http.Request) error {
		return errorsx.InternalServerError(errors.New("connection refused: 10.0.0.7:5432"))
	})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	fmt.Println(rec.Body.String())
	// Output: {"type":"about:blank","title":"Internal Server Error","status":500,"detail":"The server hit an unexpected condition and could not complete the request. It has been logged; retrying later may succeed."}
}

// Test for a problem with errors.As and its fields: the status, and the
// type when the API defines its own.
func ExampleProblem_errorsAs() {
	err := fmt.Errorf("renaming widget 7: %w", errorsx.Conflict("A widget named gear exists."))
	var p *errorsx.Problem
	if errors.As(err, &p) && p.Status == http.StatusConflict {
		fmt.Println("conflict:", p.Detail)
	}
	// Output: conflict: A widget named gear exists.
}

// A 5xx detail is replaced by a generic sentence unless it is marked as
// written for the client.
func ExampleProblem_WithPublicDetail() {
	p := errorsx.ServiceUnavailable(30*time.Minute, errors.New("payments: maintenance window")).
		WithPublicDetail("Payments are down for maintenance until 14:00 UTC.")
	rec := httptest.NewRecorder()
	errorsx.NewRenderer(errorsx.Options{}).Write(rec, httptest.NewRequest("POST", "/v1/payments", nil), p)
	fmt.Println(rec.Code, rec.Header().Get("Retry-After"))
	fmt.Println(rec.Body.String())
	// Output:
	// 503 1800
	// {"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Payments are down for maintenance until 14:00 UTC."}
}

// statusRecorder is an access log's response-writer wrapper. Implementing
// errorsx.StartedWriter (Started and Unwrap) lets the renderer know when a
// handler already began its response.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 && code >= 200 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) Started() bool               { return s.status != 0 }
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// A handler that fails after writing part of its body: the renderer finds
// the started response through the wrapper, writes nothing into it and
// aborts the connection, so the client cannot take the partial body for a
// complete one.
func ExampleStartedWriter() {
	rd := errorsx.NewRenderer(errorsx.Options{Logger: slog.New(slog.DiscardHandler)})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sr := &statusRecorder{ResponseWriter: w}
		_, _ = io.WriteString(sr, `[{"id":1},`)
		rd.Write(sr, r, errors.New("listing widgets: connection reset"))
	}))
	defer srv.Close()

	resp, err := http.Get(srv.URL)
	if err == nil {
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	fmt.Println("client saw an error:", err != nil)
	// Output: client saw an error: true
}

// A problem sent for many requests is prepared once: the renderer then
// encodes its body once per format instead of per request.
func ExamplePrepare() {
	busy := errorsx.Prepare(errorsx.TooManyRequests(30*time.Second, "Too many exports at once; retry in 30 s."))
	rd := errorsx.NewRenderer(errorsx.Options{})
	for range 2 {
		rec := httptest.NewRecorder()
		rd.Write(rec, httptest.NewRequest("POST", "/v1/exports", nil), busy)
		fmt.Println(rec.Code, rec.Header().Get("Retry-After"), rec.Body.String())
	}
	// Output:
	// 429 30 {"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Too many exports at once; retry in 30 s."}
	// 429 30 {"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Too many exports at once; retry in 30 s."}
}
