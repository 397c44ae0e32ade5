package errorsx_test

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/complexitytest"
)

// decodeAs returns a parse function that runs FromResponse on a body of the
// given media type.
func decodeAs(contentType string) func([]byte) {
	return func(body []byte) {
		resp := &http.Response{StatusCode: 400, Header: http.Header{"Content-Type": {contentType}},
			Body: io.NopCloser(bytes.NewReader(body))}
		_, _ = errorsx.FromResponse(resp)
	}
}

// wrap builds open + n×unit + middle + n×close.
func wrap(open, unit, middle, close string) func(int) []byte {
	return func(n int) []byte {
		return []byte(open + strings.Repeat(unit, n) + middle + strings.Repeat(close, n))
	}
}

// A Go client decodes problem documents from servers it may not trust:
// hostile shapes cost work proportional to their size, in both formats.
func TestFromResponseIsLinear(t *testing.T) {
	t.Run("json", func(t *testing.T) {
		complexitytest.Linear(t, decodeAs("application/problem+json"),
			complexitytest.Shape{Name: "deep nesting", Gen: wrap(`{"status":400,"x":`, "[", "1", "]"), N: 2000},
			complexitytest.Shape{Name: "many members", Gen: func(n int) []byte {
				var b strings.Builder
				b.WriteString(`{"status":400`)
				for i := range n {
					b.WriteString(`,"m` + strconv.Itoa(i) + `":1`)
				}
				return []byte(b.String() + "}")
			}, N: 2000},
			complexitytest.Shape{Name: "many duplicates", Gen: wrap(`{"status":400`, `,"detail":"d"`, "", ""), N: 4000},
			complexitytest.Shape{Name: "many field errors", Gen: wrap(`{"errors":[{"detail":"d"}`, `,{"detail":"d","pointer":"#/a"}`, "]}", ""), N: 2000},
			complexitytest.Shape{Name: "many escapes", Gen: wrap(`{"detail":"`, `\u00e9\n`, `"}`, ""), N: 4000},
			complexitytest.Shape{Name: "long name", Gen: wrap(`{"`, "n", `":1}`, ""), N: 16000},
		)
	})
	t.Run("xml", func(t *testing.T) {
		const root = `<problem xmlns="urn:ietf:rfc:7807">`
		complexitytest.Linear(t, decodeAs("application/problem+xml"),
			complexitytest.Shape{Name: "deep nesting", Gen: wrap(root+"<x>", "<a>", "1", "</a>"), N: 1000},
			complexitytest.Shape{Name: "deep lists", Gen: wrap(root+"<x>", "<i>", "1", "</i>"), N: 1000},
			complexitytest.Shape{Name: "many members", Gen: wrap(root, "<m>1</m>", "</problem>", ""), N: 2000},
			complexitytest.Shape{Name: "many escaped members", Gen: wrap(root, `<member name="a b">1</member>`, "</problem>", ""), N: 2000},
			complexitytest.Shape{Name: "many field errors", Gen: wrap(root+"<errors>", "<i><detail>d</detail><pointer>#/a</pointer></i>", "</errors></problem>", ""), N: 2000},
			complexitytest.Shape{Name: "many character references", Gen: wrap(root+"<detail>", "&#xE9;&amp;", "</detail></problem>", ""), N: 4000},
			complexitytest.Shape{Name: "many attributes", Gen: wrap(root+"<x", ` a="1"`, "/></problem>", ""), N: 2000},
		)
	})
}
