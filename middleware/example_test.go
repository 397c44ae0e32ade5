package middleware_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/middleware"
)

// A standard-library ServeMux, or any legacy handler built on http.Error, is
// standardized by wrapping it in Normalize; Methods adds OPTIONS and 501
// where a route wants them.
func ExampleNormalize() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "0" {
			http.Error(w, "item 0 is reserved", http.StatusBadRequest)
			return
		}
		_, _ = io.WriteString(w, "item "+r.PathValue("id"))
	})
	mux.Handle("/status", middleware.Methods(middleware.MethodsOptions{}, http.MethodGet)(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "up") })))
	handler := middleware.Normalize(middleware.NormalizeOptions{})(mux)

	for _, req := range []struct{ method, path string }{
		{"GET", "/items/0"}, {"POST", "/items/1"}, {"GET", "/nowhere"}, {"OPTIONS", "/status"},
	} {
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, httptest.NewRequest(req.method, req.path, nil))
		fmt.Println(req.method, req.path, rec.Code, rec.Header().Get("Allow"), rec.Body.String())
	}
	// Output:
	// GET /items/0 400  {"type":"about:blank","title":"Bad Request","status":400,"detail":"item 0 is reserved"}
	// POST /items/1 405 GET, HEAD {"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"The method POST is not allowed here. This resource supports only GET, HEAD."}
	// GET /nowhere 404  {"type":"about:blank","title":"Not Found","status":404,"detail":"No resource exists at this URL; check the path."}
	// OPTIONS /status 204 GET, HEAD
}

// Body guards in front of a handler that returns its errors: the 413 holds
// even for a chunked body, because the limit is enforced while reading.
func ExampleBodyLimit() {
	create := errorsx.Handler(func(w http.ResponseWriter, r *http.Request) error {
		if _, err := io.ReadAll(r.Body); err != nil {
			return err // *http.MaxBytesError → 413
		}
		w.WriteHeader(http.StatusCreated)
		return nil
	})
	h := middleware.BodyLimit(middleware.BodyLimitOptions{MaxBytes: 1 << 20})(
		middleware.ContentType(middleware.ContentTypeOptions{Accept: []string{"application/json"}})(create))

	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/items", nil)
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = 2 << 20
	h.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Body.String())
	// Output:
	// 413 {"type":"about:blank","title":"Content Too Large","status":413,"detail":"The request body is larger than the limit of 1048576 bytes; send less.","max_bytes":1048576}
}

// Recover, outermost, turns a panic into the renderer's generic 500: the
// panic value and stack go to the renderer's log, never to the client.
func ExampleRecover() {
	rd := errorsx.NewRenderer(errorsx.Options{Logger: slog.New(slog.DiscardHandler)})
	h := middleware.Recover(middleware.RecoverOptions{Renderer: rd})(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) { panic("db: connection refused (user=admin)") }))

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/orders", nil))
	fmt.Println(rec.Code, rec.Body.String())
	// Output:
	// 500 {"type":"about:blank","title":"Internal Server Error","status":500,"detail":"The server hit an unexpected condition and could not complete the request. It has been logged; retrying later may succeed."}
}

// Methods guards a path-only route: 405 with Allow for a known method it
// does not serve, 204 with Allow for OPTIONS, 501 for an unknown method.
func ExampleMethods() {
	h := middleware.Methods(middleware.MethodsOptions{}, http.MethodGet, http.MethodPost)(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "[]") }))

	for _, method := range []string{"GET", "HEAD", "DELETE", "OPTIONS", "BREW"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, "/items", nil))
		fmt.Printf("%s %d Allow=%q\n", method, rec.Code, rec.Header().Get("Allow"))
	}
	// Output:
	// GET 200 Allow=""
	// HEAD 200 Allow=""
	// DELETE 405 Allow="GET, HEAD, POST"
	// OPTIONS 204 Allow="GET, HEAD, POST"
	// BREW 501 Allow=""
}

// Produces answers 406 to a client that refuses every type the handler can
// send; a client without Accept, or one that accepts JSON, gets through.
func ExampleProduces() {
	h := middleware.Produces(middleware.ProducesOptions{Types: []string{"application/json"}})(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "{}") }))

	for _, accept := range []string{"", "application/json", "text/csv", "application/json;q=0, */*"} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/report", nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		h.ServeHTTP(rec, req)
		fmt.Printf("Accept %q: %d\n", accept, rec.Code)
	}
	// Output:
	// Accept "": 200
	// Accept "application/json": 200
	// Accept "text/csv": 406
	// Accept "application/json;q=0, */*": 406
}

// ContentType answers 415 with Accept to a body of a type the handler does
// not read; a request without a body passes.
func ExampleContentType() {
	h := middleware.ContentType(middleware.ContentTypeOptions{Accept: []string{"application/json"}})(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusCreated) }))

	for _, ct := range []string{"application/json; charset=utf-8", "text/csv", ""} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/items", strings.NewReader("id,name"))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		h.ServeHTTP(rec, req)
		fmt.Printf("Content-Type %q: %d Accept=%q\n", ct, rec.Code, rec.Header().Get("Accept"))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/items", nil))
	fmt.Println("no body:", rec.Code)
	// Output:
	// Content-Type "application/json; charset=utf-8": 201 Accept=""
	// Content-Type "text/csv": 415 Accept="application/json"
	// Content-Type "": 415 Accept="application/json"
	// no body: 201
}

// What Normalize makes of the error responses legacy code writes: an
// unused status becomes its class's x00 with the handler's words, markup
// never becomes a detail, and a 500 keeps its text for the log.
func ExampleNormalize_legacy() {
	rd := errorsx.NewRenderer(errorsx.Options{Logger: slog.New(slog.DiscardHandler)})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /coffee", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "this API brews no coffee", http.StatusTeapot)
	})
	mux.HandleFunc("GET /v0", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "<h1>Gone</h1><p>use /v1</p>", http.StatusGone)
	})
	mux.HandleFunc("GET /export", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "open /var/export.csv: permission denied", http.StatusInternalServerError)
	})
	handler := middleware.Normalize(middleware.NormalizeOptions{Renderer: rd, Logger: slog.New(slog.DiscardHandler)})(mux)

	for _, path := range []string{"/coffee", "/v0", "/export"} {
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		fmt.Println(path, rec.Body.String())
	}
	// Output:
	// /coffee {"type":"about:blank","title":"Bad Request","status":400,"detail":"this API brews no coffee"}
	// /v0 {"type":"about:blank","title":"Gone","status":410,"detail":"The resource was deleted or retired on purpose and is not coming back."}
	// /export {"type":"about:blank","title":"Internal Server Error","status":500,"detail":"The server hit an unexpected condition and could not complete the request. It has been logged; retrying later may succeed."}
}
