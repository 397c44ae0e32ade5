package problemtest_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/problemtest"
)

// Check reports every way an error response breaks the standard; here a
// handler answers a missing token with http.Error and a 403.
func ExampleChecker_CheckRecorder() {
	rec := httptest.NewRecorder()
	http.Error(rec, "forbidden", http.StatusForbidden)

	err := problemtest.Checker{}.CheckRecorder(rec, nil)
	for _, v := range problemtest.Violations(err) {
		fmt.Println(v.Rule)
	}

	rec = httptest.NewRecorder()
	errorsx.NewRenderer(errorsx.Options{}).Write(rec, httptest.NewRequest("GET", "/orders/7", nil), errorsx.Forbidden("Only the order's owner may read it."))
	fmt.Println(problemtest.Checker{}.CheckRecorder(rec, nil))
	// Output:
	// media-type
	// body
	// <nil>
}

// Drive sends a handler the built-in corpus of bad requests and checks
// every answer; in a test, AssertDrive reports them through t.
func ExampleChecker_Drive() {
	rd := errorsx.NewRenderer(errorsx.Options{})
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/widgets" {
			rd.Write(w, r, errorsx.NotFound(errorsx.NotFoundDetail))
			return
		}
		rd.Write(w, r, errorsx.MethodNotAllowed(r.Method, "GET", "HEAD"))
	})
	err := problemtest.Checker{Renderer: rd}.Drive(api, problemtest.Target{Method: "GET", Path: "/v1/widgets"})
	fmt.Println(err)
	// Output:
	// <nil>
}
