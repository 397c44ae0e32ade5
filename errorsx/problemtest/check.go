package problemtest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
	"github.com/fourxx/fourxx/internal/httpsyntax"
	"github.com/fourxx/fourxx/internal/jsonpointer"
)

// A Checker checks error responses against the standard and the catalog
// of Renderer. The zero value checks against errorsx.Default().
type Checker struct {
	// Renderer is the renderer of the server under test: its catalog lists
	// the known types and its TypeBase the prefix of their URIs.
	Renderer *errorsx.Renderer
}

// Check reads res's body (leaving a copy in its place) and returns every
// way res breaks the standard, as an error joining one [*Violation] each,
// or nil. requestBody, when not nil, is the body of the request res
// answers: errors[].pointer values must resolve in it. When res.Request is
// set, its Accept field decides whether application/json is acceptable.
func (c Checker) Check(res *http.Response, requestBody []byte) error {
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	res.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return &Violation{"body", "reading it: " + err.Error()}
	}
	var accept []string
	if res.Request != nil {
		accept = res.Request.Header["Accept"]
	}
	return c.check(res.StatusCode, res.Header, body, accept, requestBody)
}

// CheckRecorder is [Checker.Check] for a response recorded by
// httptest.ResponseRecorder.
func (c Checker) CheckRecorder(rec *httptest.ResponseRecorder, requestBody []byte) error {
	return c.check(rec.Code, rec.Header(), rec.Body.Bytes(), nil, requestBody)
}

// Assert reports each violation [Checker.Check] finds as a test error and
// returns whether there was none.
func (c Checker) Assert(t testing.TB, res *http.Response, requestBody []byte) bool {
	t.Helper()
	return report(t, c.Check(res, requestBody))
}

// AssertRecorder is [Checker.Assert] for a recorded response.
func (c Checker) AssertRecorder(t testing.TB, rec *httptest.ResponseRecorder, requestBody []byte) bool {
	t.Helper()
	return report(t, c.CheckRecorder(rec, requestBody))
}

func report(t testing.TB, err error) bool {
	t.Helper()
	for _, v := range Violations(err) {
		t.Error(v)
	}
	return err == nil
}

// Violations returns the violations joined in err, as returned by
// [Checker.Check] or [Checker.Drive].
func Violations(err error) []*Violation {
	var out []*Violation
	var walk func(error)
	walk = func(err error) {
		if v, ok := err.(*Violation); ok {
			out = append(out, v)
			return
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
		}
	}
	walk(err)
	return out
}

// A problem is the response under check and what is known of it.
type problem struct {
	status  int
	header  http.Header
	members map[string]json.RawMessage
	errs    []error
}

func (p *problem) fail(rule, detail string) {
	p.errs = append(p.errs, &Violation{Rule: rule, Detail: detail})
}

func (c Checker) check(status int, header http.Header, body []byte, accept []string, requestBody []byte) error {
	p := &problem{status: status, header: header}
	if status < 400 || status > 599 {
		p.fail("status", strconv.Itoa(status)+" is not an error status")
		return errors.Join(p.errs...)
	}
	ct := header.Get("Content-Type")
	switch ct {
	case "application/problem+json":
		p.members = p.parseJSON(body)
	case "application/json":
		if len(accept) > 0 && httpsyntax.Quality(accept, "application", "problem+json") > 0 {
			p.fail("media-type", "application/json sent to a client that accepts application/problem+json")
		}
		p.members = p.parseJSON(body)
	case "application/problem+xml":
		p.members = p.parseXML(body)
	default:
		p.fail("media-type", strconv.Quote(ct)+" is not application/problem+json (without parameters), application/problem+xml or application/json")
		p.members = p.parseJSON(body)
	}
	if p.members == nil {
		return errors.Join(p.errs...)
	}
	p.checkStandardMembers()
	c.checkType(p)
	if requestBody != nil {
		p.checkPointers(requestBody)
	}
	if status >= 500 {
		p.checkInternalText()
	}
	return errors.Join(p.errs...)
}

// parseJSON returns the members of a problem+json body, or nil.
func (p *problem) parseJSON(body []byte) map[string]json.RawMessage {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil || m == nil {
		p.fail("body", "not a JSON object: "+excerpt(body))
		return nil
	}
	return m
}

// parseXML returns the members of a problem+xml body (RFC 9457 Appendix
// B) as JSON values: an element with <i> children is an array, one with
// other children an object, text that reads as a JSON number or boolean is
// one (XML has no types), other text a string.
func (p *problem) parseXML(body []byte) map[string]json.RawMessage {
	var root xmlNode
	if err := xml.Unmarshal(body, &root); err != nil {
		p.fail("body", "not XML: "+err.Error())
		return nil
	}
	if root.XMLName.Space != "urn:ietf:rfc:7807" || root.XMLName.Local != "problem" {
		p.fail("body", "the root element is not problem in namespace urn:ietf:rfc:7807")
		return nil
	}
	m := make(map[string]json.RawMessage, len(root.Children))
	for i := range root.Children {
		m[root.Children[i].XMLName.Local] = root.Children[i].json()
	}
	return m
}

// An xmlNode is one element of a problem+xml document.
type xmlNode struct {
	XMLName  xml.Name
	Text     string    `xml:",chardata"`
	Children []xmlNode `xml:",any"`
}

// json returns the JSON value the element stands for.
func (n *xmlNode) json() json.RawMessage {
	if len(n.Children) == 0 {
		text := strings.TrimSpace(n.Text)
		var v any
		if json.Unmarshal([]byte(text), &v) == nil {
			switch v.(type) {
			case float64, bool:
				return json.RawMessage(text)
			}
		}
		b, _ := json.Marshal(n.Text)
		return b
	}
	array := true
	for _, c := range n.Children {
		array = array && c.XMLName.Local == "i"
	}
	var b []byte
	if array {
		b = append(b, '[')
	} else {
		b = append(b, '{')
	}
	for i := range n.Children {
		if i > 0 {
			b = append(b, ',')
		}
		if !array {
			name, _ := json.Marshal(n.Children[i].XMLName.Local)
			b = append(append(b, name...), ':')
		}
		b = append(b, n.Children[i].json()...)
	}
	if array {
		return append(b, ']')
	}
	return append(b, '}')
}

// checkStandardMembers checks the RFC 9457 members and the errors list.
func (p *problem) checkStandardMembers() {
	raw, ok := p.members["status"]
	var st int
	switch {
	case !ok:
		p.fail("status-member", "the body has no status member")
	case json.Unmarshal(raw, &st) != nil:
		p.fail("member-type", "status is "+excerpt(raw)+", not an integer")
	case st != p.status:
		p.fail("status-member", "status member "+strconv.Itoa(st)+" differs from the HTTP status "+strconv.Itoa(p.status))
	}
	for _, name := range []string{"type", "title", "detail", "instance"} {
		raw, ok := p.members[name]
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) != nil {
			p.fail("member-type", name+" is "+excerpt(raw)+", not a string")
			continue
		}
		if name == "type" || name == "instance" {
			if _, err := url.Parse(s); err != nil {
				p.fail("member-type", name+" "+strconv.Quote(s)+" is not a URI reference")
			}
		}
	}
	if raw, ok := p.members["errors"]; ok {
		var list []map[string]json.RawMessage
		if json.Unmarshal(raw, &list) != nil {
			p.fail("member-type", "errors is not an array of objects")
			return
		}
		for i, e := range list {
			var s string
			if d, ok := e["detail"]; !ok || json.Unmarshal(d, &s) != nil {
				p.fail("member-type", "errors["+strconv.Itoa(i)+"] has no string detail")
			}
			for _, name := range []string{"pointer", "parameter", "header", "code"} {
				if v, ok := e[name]; ok && json.Unmarshal(v, &s) != nil {
					p.fail("member-type", "errors["+strconv.Itoa(i)+"]."+name+" is not a string")
				}
			}
		}
	}
}

// checkType checks the problem's type against the catalog: known, with
// its status, title, required members and member types, and the header
// fields and caching its status requires.
func (c Checker) checkType(p *problem) {
	rd := c.Renderer
	cat := rd.Catalog()
	std, _ := cat.ForStatus(p.status)
	entry := std
	typ := "about:blank"
	if raw, ok := p.members["type"]; ok {
		_ = json.Unmarshal(raw, &typ)
	}
	if typ != "about:blank" {
		slug, under := strings.CutPrefix(typ, rd.TypeBase())
		e, known := cat.Lookup(slug)
		switch {
		case !under || rd.TypeBase() == "" || !known:
			p.fail("type", strconv.Quote(typ)+" is not a type of the catalog")
			entry = catalog.Entry{}
		case e.Status != p.status:
			p.fail("type-status", strconv.Quote(slug)+" is documented with status "+strconv.Itoa(e.Status)+", sent with "+strconv.Itoa(p.status))
			entry = e
		default:
			entry = e
		}
	}
	var title string
	if raw, ok := p.members["title"]; ok && json.Unmarshal(raw, &title) == nil {
		want := entry.Title
		if typ == "about:blank" {
			want = errorsx.ReasonPhrase(p.status)
		}
		if want != "" && title != want {
			p.fail("title", "title "+strconv.Quote(title)+", but the type's is "+strconv.Quote(want))
		}
	}
	required, cacheControl := entry.RequiredHeaders, entry.CacheControl // a team's type includes its status's
	if entry.Slug == "" {
		required, cacheControl = std.RequiredHeaders, std.CacheControl
	}
	for _, name := range required {
		// An empty Allow is meaningful: the resource allows no method (RFC 9110 §10.2.1).
		if v := p.header.Values(name); len(v) == 0 || name != "Allow" && strings.TrimSpace(strings.Join(v, "")) == "" {
			p.fail("required-header", "a "+strconv.Itoa(p.status)+" needs the "+name+" field")
		}
	}
	if cacheControl == "no-store" && !hasToken(p.header.Values("Cache-Control"), "no-store") {
		p.fail("no-store", "a "+strconv.Itoa(p.status)+" must not be stored, but Cache-Control is "+strconv.Quote(strings.Join(p.header.Values("Cache-Control"), ", ")))
	}
	for _, m := range entry.Members {
		raw, ok := p.members[m.Name]
		switch {
		case !ok && m.Required:
			p.fail("member", "type "+strconv.Quote(entry.Slug)+" requires the member "+m.Name)
		case ok && !rawHasType(raw, m.Type, m.Items):
			p.fail("member", m.Name+" is "+excerpt(raw)+", not a JSON "+m.Type)
		}
	}
}

// checkPointers checks that every errors[].pointer resolves in the
// request body.
func (p *problem) checkPointers(requestBody []byte) {
	var list []struct {
		Pointer *string `json:"pointer"`
	}
	if raw, ok := p.members["errors"]; !ok || json.Unmarshal(raw, &list) != nil {
		return
	}
	for i, e := range list {
		if e.Pointer == nil {
			continue
		}
		ptr := *e.Pointer
		if !strings.HasPrefix(ptr, "#") {
			p.fail("pointer", "errors["+strconv.Itoa(i)+"].pointer "+strconv.Quote(ptr)+" is not a URI fragment (#/a/b)")
			continue
		}
		if _, err := jsonpointer.Resolve(requestBody, ptr); err != nil && !isMissingLeaf(requestBody, ptr) {
			p.fail("pointer", "errors["+strconv.Itoa(i)+"].pointer "+strconv.Quote(ptr)+" does not resolve in the request body: "+err.Error())
		}
	}
}

// isMissingLeaf reports whether ptr names a member the request body lacks
// inside an object it has: the pointer of a missing required field
// (#/name when the body is {}), which is where the value belongs.
func isMissingLeaf(body []byte, ptr string) bool {
	i := strings.LastIndexByte(ptr, '/')
	if i < 0 {
		return false
	}
	parent, err := jsonpointer.Resolve(body, ptr[:i])
	return err == nil && len(parent) > 0 && parent[0] == '{'
}

// internalText matches what must never reach a client in a 5xx: stack
// traces, Go runtime and network errors, file paths, SQL errors.
var internalText = regexp.MustCompile(`goroutine \d|\.go:\d|runtime error|panic:|
	|(dial|read|write) (tcp|udp|unix)|connection refused|connection reset|i/o timeout|broken pipe|no such host|sql: |SQLSTATE|pq: |Traceback|Exception in|at [a-z]+\.[A-Za-z.]+\(|(^|[\s"'(])/(home|usr|var|etc|tmp|src|opt|root)/`)

// checkInternalText looks for internal text in every string member of a
// 5xx problem.
func (p *problem) checkInternalText() {
	for name, raw := range p.members {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			continue
		}
		if loc := internalText.FindStringIndex(s); loc != nil {
			p.fail("internal-text", "the "+strconv.Itoa(p.status)+"'s "+name+" carries internal text: "+strconv.Quote(s))
		}
	}
}

// rawHasType reports whether the JSON value raw is of JSON type t (with
// elements of type items, for an array).
func rawHasType(raw json.RawMessage, t, items string) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return false
	}
	switch t {
	case "string":
		return raw[0] == '"'
	case "boolean":
		return raw[0] == 't' || raw[0] == 'f'
	case "integer", "number":
		var f float64
		if json.Unmarshal(raw, &f) != nil {
			return false
		}
		return t == "number" || !bytes.ContainsAny(raw, ".eE")
	case "object":
		return raw[0] == '{'
	case "array":
		var elems []json.RawMessage
		if raw[0] != '[' || json.Unmarshal(raw, &elems) != nil {
			return false
		}
		for _, e := range elems {
			if !rawHasType(e, items, "") {
				return false
			}
		}
		return true
	}
	return false
}

// hasToken reports whether a comma-separated field lists token.
func hasToken(lines []string, token string) bool {
	for _, line := range lines {
		for part := range strings.SplitSeq(line, ",") {
			if name, _, _ := strings.Cut(strings.TrimSpace(part), "="); strings.EqualFold(name, token) {
				return true
			}
		}
	}
	return false
}

// excerpt returns b, cut to 80 bytes, for a message.
func excerpt(b []byte) string {
	if len(b) > 80 {
		return strconv.Quote(string(b[:80])) + "…"
	}
	return strconv.Quote(string(b))
}
