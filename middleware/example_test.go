package middleware_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

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
