package readmetest_test

import (
	"flag"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/examples/internal/readmetest"
)

var update = flag.Bool("update", false, "rewrite the README's outputs")

// A test that keeps a README walkthrough true: the README's commands use
// http://127.0.0.1:8080; the test's server listens elsewhere. (Compiled,
// not run: Run needs the *testing.T of a real test.)
func Example() {
	_ = func(t *testing.T, srv *httptest.Server) {
		w := readmetest.Walkthrough{README: "../../README.md", Marker: "walkthrough", Origin: "http://127.0.0.1:8080"}
		w.Run(t, srv.URL, 1, *update)
	}
}
