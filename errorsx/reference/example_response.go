package reference

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"

	"github.com/fourxx/fourxx/errorsx"
)

// exampleHost is the origin of the example requests.
const exampleHost = "api.example.com"

// An exampleResponse is a problem response exactly as the renderer wrote
// it: the status, every header field the renderer set, and the body.
type exampleResponse struct {
	// Request is the request line the response answers.
	Request string `json:"request"`
	// StatusLine is the first line a Go net/http server sends over
	// HTTP/1.1; its reason phrase is Go's, which for a few codes is the
	// pre-RFC 9110 one. HTTP/2 and HTTP/3 send no reason phrase.
	StatusLine string `json:"status_line"`
	// Status is the status code.
	Status int `json:"status"`
	// Header holds the header fields the renderer set.
	Header http.Header `json:"headers"`
	// Body is the content, byte for byte.
	Body string `json:"body"`
}

// renderExample renders the example problem for status with rd (without
// logging or observing it) and returns what the renderer would send, or nil when the catalog has no
// example for status (418, which is never sent).
func renderExample(rd *errorsx.Renderer, status int) *exampleResponse {
	ex, ok := exampleRequests[status]
	if !ok {
		return nil
	}
	url := ex.target
	if strings.HasPrefix(url, "/") {
		url = "https://" + exampleHost + url
	}
	req := httptest.NewRequest(ex.method, url, nil)
	req.Header.Set("Accept", "application/problem+json")
	code, header, body := rd.Render(req, ex.problem())
	return &exampleResponse{
		Request:    ex.method + " " + ex.target + " HTTP/1.1",
		StatusLine: "HTTP/1.1 " + strconv.Itoa(code) + " " + http.StatusText(code),
		Status:     code,
		Header:     header,
		Body:       string(body),
	}
}

// HeaderLines returns the header fields as "Name: value" lines, sorted by
// name, one line per field line.
func (e *exampleResponse) HeaderLines() []string {
	names := make([]string, 0, len(e.Header))
	for name := range e.Header {
		names = append(names, name)
	}
	slices.Sort(names)
	var lines []string
	for _, name := range names {
		for _, v := range e.Header[name] {
			lines = append(lines, name+": "+v)
		}
	}
	return lines
}
