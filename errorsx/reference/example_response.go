package reference

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
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

// renderExample renders the example problem of e with rd (without logging
// or observing it) and returns what the renderer would send, or nil when e
// has no example (418, which is never sent). A team type's example answers
// its status's example request, with the detail its summary gives, the
// members' example values and the header fields the status requires, and
// "example" in each header field the team type itself requires beyond those.
func renderExample(rd *errorsx.Renderer, e catalog.Entry) *exampleResponse {
	ex, ok := exampleRequests()[e.Status]
	if !ok {
		return nil
	}
	p := ex.problem()
	if e.Team {
		typed := errorsx.OfType(e.Slug, e.Summary)
		typed.Header = p.Header.Clone()
		for _, name := range e.RequiredHeaders {
			if typed.Header.Get(name) == "" {
				if typed.Header == nil {
					typed.Header = make(http.Header)
				}
				typed.Header.Set(name, "example")
			}
		}
		for _, m := range e.Members {
			typed.With(m.Name, exampleValue(m))
		}
		p = typed
	}
	url := ex.target
	if strings.HasPrefix(url, "/") {
		url = "https://" + exampleHost + url
	}
	req, err := http.NewRequest(ex.method, url, nil)
	if err != nil {
		panic("reference: example request: " + err.Error())
	}
	req.Header.Set("Accept", "application/problem+json")
	code, header, body := rd.Render(req, p)
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

// exampleValue returns m's example, or a placeholder of its JSON type.
func exampleValue(m catalog.Member) any {
	if m.Example != nil {
		return m.Example
	}
	return placeholder(m.Type, m.Items)
}

// placeholder returns a value of the JSON type t (with elements of type
// items, for an array).
func placeholder(t, items string) any {
	switch t {
	case "string":
		return "example"
	case "integer":
		return 1
	case "number":
		return 1.5
	case "boolean":
		return true
	case "array":
		return []any{placeholder(items, "")}
	}
	return map[string]any{}
}
