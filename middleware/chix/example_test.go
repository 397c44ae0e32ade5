package chix_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/go-chi/chi/v5"

	"github.com/fourxx/fourxx/middleware"
	"github.com/fourxx/fourxx/middleware/chix"
)

// A chi app gets 404, 405 with Allow, 204 for OPTIONS and 501 for unknown
// methods as problems in one line.
func ExampleSetup() {
	r := chi.NewRouter()
	r.Use(middleware.Recover(middleware.RecoverOptions{}))
	chix.Setup(r, chix.Options{}) // before the routes
	r.Route("/items", func(r chi.Router) {
		r.Get("/{id}", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, chi.URLParam(r, "id")) })
		r.Delete("/{id}", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	})

	for _, method := range []string{"PUT", "OPTIONS", "BREW"} {
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, httptest.NewRequest(method, "/items/7", nil))
		fmt.Printf("%s %d [%s] Allow: %s\n", method, rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Allow"))
	}
	// Output:
	// PUT 405 [application/problem+json] Allow: GET, HEAD, DELETE
	// OPTIONS 204 [] Allow: GET, HEAD, DELETE
	// BREW 501 [application/problem+json] Allow:
}

// A standard-library ServeMux mounted under chi needs no Normalize of its
// own: its plain-text 404 and 405 become problems, and the 405 keeps the
// Allow field the mux computed.
func ExampleSetup_mount() {
	legacy := http.NewServeMux()
	legacy.HandleFunc("GET /reports/{id}", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "report") })

	r := chi.NewRouter()
	chix.Setup(r, chix.Options{})
	r.Mount("/legacy", http.StripPrefix("/legacy", legacy))

	for _, req := range []struct{ method, path string }{{"DELETE", "/legacy/reports/1"}, {"GET", "/legacy/nowhere"}} {
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, httptest.NewRequest(req.method, req.path, nil))
		fmt.Printf("%s %d %s Allow=%q\n%s\n", req.method, rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Allow"), rec.Body)
	}
	// Output:
	// DELETE 405 application/problem+json Allow="GET, HEAD"
	// {"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"The method DELETE is not allowed here. This resource supports only GET, HEAD."}
	// GET 404 application/problem+json Allow=""
	// {"type":"about:blank","title":"Not Found","status":404,"detail":"No resource exists at this URL; check the path."}
}
