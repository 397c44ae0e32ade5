package errorsx_test

import (
	"database/sql"
	"errors"
	"fmt"
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
