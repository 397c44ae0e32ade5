package errorsx

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// ErrNotProblem is returned by [FromResponse] for a response that is not an
// error (status below 400).
var ErrNotProblem = errors.New("errorsx: response is not an error")

// maxProblemBytes bounds how much of a response body FromResponse reads.
const maxProblemBytes = 1 << 20

// FromResponse decodes the problem document of an error response, for Go
// clients of an API that speaks RFC 9457. It reads at most 1 MiB of
// resp.Body and does not close it: the caller still owns the body.
//
//   - application/problem+json and application/json bodies are decoded as
//     JSON (see [Problem.UnmarshalJSON]); application/problem+xml as RFC 9457
//     Appendix B XML;
//   - any other body (a proxy's HTML page, plain text, nothing) yields a
//     problem built from the status alone, with the reason phrase as title;
//   - Status is always resp.StatusCode, the authoritative value, and Header
//     is resp.Header, so [Problem.RetryAfter] reads the Retry-After field
//     (delay-seconds or HTTP-date).
//
// It returns [ErrNotProblem] for a status below 400 and an error for a body
// that claims to be a problem document but is malformed.
func FromResponse(resp *http.Response) (*Problem, error) {
	if resp.StatusCode < 400 {
		return nil, ErrNotProblem
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxProblemBytes))
	if err != nil {
		return nil, fmt.Errorf("errorsx: reading problem: %w", err)
	}
	p := &Problem{}
	mediaType, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	switch {
	case mediaType == "application/problem+json" || mediaType == "application/json":
		if err := json.Unmarshal(body, p); err != nil {
			return nil, fmt.Errorf("errorsx: decoding problem+json: %w", err)
		}
	case mediaType == "application/problem+xml":
		if err := decodeProblemXML(body, p); err != nil {
			return nil, fmt.Errorf("errorsx: decoding problem+xml: %w", err)
		}
	}
	p.Status = resp.StatusCode
	if p.Title == "" && (p.Type == "" || p.Type == "about:blank") {
		p.Title = ReasonPhrase(resp.StatusCode)
	}
	p.Header = resp.Header
	return p, nil
}

// xmlNode is a generic element of a problem+xml document.
type xmlNode struct {
	XMLName  xml.Name
	Name     *string   `xml:"name,attr"` // the member name of a <member name="…"> element
	Text     string    `xml:",chardata"`
	Children []xmlNode `xml:",any"`
}

// memberName returns the member name an element carries: its own name, or
// the name attribute of a <member name="…"> element, which the renderer
// writes for names that cannot be element names.
func (n *xmlNode) memberName() string {
	if n.XMLName.Local == escapedName && n.Name != nil {
		return *n.Name
	}
	return n.XMLName.Local
}

// decodeProblemXML reads an RFC 9457 Appendix B document into p: the
// standard members, <errors> with <i> items, and every other child as an
// extension (text, a list for <i> children, or a map), named by its element
// or, for <member name="…">, by its name attribute.
func decodeProblemXML(body []byte, p *Problem) error {
	var root xmlNode
	if err := xml.Unmarshal(body, &root); err != nil {
		return err
	}
	if root.XMLName.Local != "problem" || root.XMLName.Space != "urn:ietf:rfc:7807" {
		return errors.New("root element is not urn:ietf:rfc:7807 problem")
	}
	for _, c := range root.Children {
		text := trimXMLSpace(c.Text)
		switch c.XMLName.Local {
		case "type":
			p.Type = text
		case "title":
			p.Title = text
		case "detail":
			p.Detail = text
		case "instance":
			p.Instance = text
		case "status":
			p.Status, _ = strconv.Atoi(text)
		case "errors":
			for _, item := range c.Children {
				var fe FieldError
				for _, f := range item.Children {
					v := trimXMLSpace(f.Text)
					switch f.XMLName.Local {
					case "detail":
						fe.Detail = v
					case "pointer":
						fe.Pointer = v
					case "parameter":
						fe.Parameter = v
					case "header":
						fe.Header = v
					case "code":
						fe.Code = v
					}
				}
				p.Errors = append(p.Errors, fe)
			}
		default:
			p.With(c.memberName(), c.value())
		}
	}
	return nil
}

// trimXMLSpace removes the XML white space (RFC 9457 Appendix B documents
// may be indented) around an element's text, and nothing else: U+00A0,
// U+0085 and the other Unicode spaces are part of the text.
func trimXMLSpace(s string) string { return strings.Trim(s, " \t\r\n") }

// value turns an element into a string, a list (children all <i>) or a map.
func (n xmlNode) value() any {
	if len(n.Children) == 0 {
		return trimXMLSpace(n.Text)
	}
	if n.Children[0].XMLName.Local == "i" {
		list := make([]any, 0, len(n.Children))
		for _, c := range n.Children {
			list = append(list, c.value())
		}
		return list
	}
	m := make(map[string]any, len(n.Children))
	for _, c := range n.Children {
		m[c.memberName()] = c.value()
	}
	return m
}
