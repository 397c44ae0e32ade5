package httpsyntax

import (
	"bytes"
	"testing"

	"github.com/fourxx/fourxx/internal/complexitytest"
)

// Accept is read from every request that gets a problem: hostile shapes of
// it cost work proportional to their length.
func TestAcceptIsLinear(t *testing.T) {
	offers := []MediaType{{"application", "problem+json"}, {"application", "json"}, {"application", "problem+xml"}}
	parse := func(b []byte) { _ = Best([]string{string(b)}, offers...) }
	repeat := func(unit string) func(int) []byte {
		return func(n int) []byte { return bytes.Repeat([]byte(unit), n) }
	}
	complexitytest.Linear(t, parse,
		complexitytest.Shape{Name: "many ranges", Gen: repeat("application/json;q=0.5, "), N: 1000},
		complexitytest.Shape{Name: "many parameters", Gen: func(n int) []byte {
			return append([]byte("application/json"), bytes.Repeat([]byte(";a=b"), n)...)
		}, N: 2000},
		complexitytest.Shape{Name: "only separators", Gen: repeat(",;"), N: 4000},
		complexitytest.Shape{Name: "white space", Gen: func(n int) []byte {
			return append(append(bytes.Repeat([]byte(" "), n), "*/*"...), bytes.Repeat([]byte(" "), n)...)
		}, N: 4000},
		complexitytest.Shape{Name: "long subtype", Gen: func(n int) []byte {
			return append([]byte("application/"), bytes.Repeat([]byte("j"), n)...)
		}, N: 4000},
	)
}
