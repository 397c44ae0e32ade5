package reference_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/reference"
)

// Mount the site where the renderer's type URIs point, so that every problem
// the API sends links to its documentation.
func ExampleHandler() {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://api.example.com/problems/"})

	mux := http.NewServeMux()
	mux.Handle("/problems/", reference.Handler(reference.Options{Renderer: rd, BasePath: "/problems/"}))
	mux.Handle("/v1/widgets", rd.Handler(func(w http.ResponseWriter, r *http.Request) error {
		return errorsx.NotFound("No widget has the id 7.")
	}))

	// The API's problem names its type…
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/v1/widgets", nil))
	fmt.Println(rec.Code, rec.Body.String())

	// …and that URI answers with the documentation.
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/problems/not-found", nil))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))

	// A status number redirects to the page of its slug.
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/problems/429", nil))
	fmt.Println(rec.Code, rec.Header().Get("Location"))
	// Output:
	// 404 {"type":"https://api.example.com/problems/not-found","title":"Not Found","status":404,"detail":"No widget has the id 7."}
	// 200 text/html; charset=utf-8
	// 301 /problems/too-many-requests
}

// The site also works behind http.StripPrefix; BasePath still says where
// clients see it, so its links stay right.
func ExampleHandler_stripPrefix() {
	site := reference.Handler(reference.Options{BasePath: "/docs/errors/", Title: "Widget API errors"})
	mux := http.NewServeMux()
	mux.Handle("/docs/errors/", http.StripPrefix("/docs/errors", site))

	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/docs/errors/forbidden", nil))
	body := rec.Body.String()
	fmt.Println(rec.Code, strings.Contains(body, `href="/docs/errors/unauthorized"`))
	// Output:
	// 200 true
}

// Clients that prefer JSON get the catalog entry with the example response,
// and search results as a ranked list.
func ExampleHandler_json() {
	srv := httptest.NewServer(reference.Handler(reference.Options{}))
	defer srv.Close()

	req, _ := http.NewRequest("GET", srv.URL+"/problems/?q=429", nil)
	req.Header.Set("Accept", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	fmt.Println(res.Header.Get("Content-Type"), res.Header.Get("Vary"))
	fmt.Println(strings.Contains(string(body), `"page": "/problems/too-many-requests"`))
	// Output:
	// application/json Accept
	// true
}
