package httpcheck_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/fourxx/fourxx/internal/httpcheck"
)

// RecorderDo serves one request without a network connection; the other
// helpers take a *testing.T and a server from NewServer.
func ExampleRecorderDo() {
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) })
	rec := httpcheck.RecorderDo(h, httptest.NewRequest(http.MethodGet, "/", nil))
	fmt.Println(rec.Code)
	// Output: 418
}
