package respwriter_test

import (
	"fmt"
	"net/http/httptest"

	"github.com/fourxx/fourxx/internal/respwriter"
)

// A middleware wraps the writer to learn whether the handler started the response.
func Example() {
	rec := httptest.NewRecorder()
	w := respwriter.New(rec)
	fmt.Println(w.Started())
	w.WriteHeader(201)
	_, _ = w.Write([]byte("created"))
	fmt.Println(w.Started())
	// Output:
	// false
	// true
}
