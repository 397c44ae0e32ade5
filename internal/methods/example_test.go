package methods_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/fourxx/fourxx/internal/methods"
)

// A resource serving GET and POST answers OPTIONS itself and hands the
// refusals back for rendering.
func ExampleSet_Answer() {
	set, _ := methods.NewSet(nil)
	allow := methods.NewAllow(set.Allowed(func(m string) bool { return m == "GET" || m == "POST" }))
	for _, method := range []string{"OPTIONS", "DELETE", "BREW"} {
		rec := httptest.NewRecorder()
		switch set.Answer(rec, httptest.NewRequest(method, "/items", nil), allow) {
		case methods.Answered:
			fmt.Println(method, rec.Code, rec.Header().Get("Allow"))
		case methods.NotAllowed:
			fmt.Println(method, http.StatusMethodNotAllowed, allow.Methods())
		case methods.NotImplemented:
			fmt.Println(method, http.StatusNotImplemented)
		}
	}
	// Output:
	// OPTIONS 204 GET, HEAD, POST
	// DELETE 405 [GET HEAD POST]
	// BREW 501
}

// Refusals prepare the 405 answer of each method once; answering a request
// only picks the prepared one.
func ExampleRefusals_Answer() {
	set, _ := methods.NewSet(nil)
	rf := methods.NewRefusals(set, []string{"GET", "HEAD"}, func(method string, allowed ...string) string {
		return fmt.Sprintf("%s is not one of %v", method, allowed)
	})
	outcome, message := rf.Answer(httptest.NewRecorder(), httptest.NewRequest("DELETE", "/items", nil))
	fmt.Println(outcome == methods.NotAllowed, message)
	// Output:
	// true DELETE is not one of [GET HEAD]
}
