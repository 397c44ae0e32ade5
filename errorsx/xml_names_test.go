package errorsx_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
)

// render writes p for a client accepting accept and decodes the response
// back with FromResponse.
func renderAndDecode(t *testing.T, p *errorsx.Problem, accept string) (*errorsx.Problem, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Accept", accept)
	errorsx.NewRenderer(errorsx.Options{Strict: true}).Write(rec, req, p)
	resp := &http.Response{StatusCode: rec.Code, Header: rec.Header(), Body: io.NopCloser(bytes.NewReader(rec.Body.Bytes()))}
	got, err := errorsx.FromResponse(resp)
	if err != nil {
		t.Fatalf("%s: %v: %s", accept, err, rec.Body)
	}
	return got, rec.Body.String()
}

// Extension members whose names are not XML names (a space, a leading
// digit, a "xml" prefix, a colon, non-ASCII) reach an XML client as they
// reach a JSON one: both documents carry the same members.
func TestXMLCarriesEveryMemberJSONDoes(t *testing.T) {
	names := []string{"plain", "a b", "1st", "xmlns", "ns:local", "größe", "<tag>", ""}
	p := errorsx.NotFound("x")
	for _, n := range names {
		p.With(n, "value of ["+n+"]")
	}
	p.With("nested", map[string]any{"ok": "1", "not ok": "2"})
	p.With("violated_policies", []string{"default", "burst"})

	fromJSON, _ := renderAndDecode(t, p, "application/problem+json")
	fromXML, body := renderAndDecode(t, p, "application/problem+xml")
	for _, n := range names {
		if fromJSON.Extensions[n] != "value of ["+n+"]" || fromXML.Extensions[n] != "value of ["+n+"]" {
			t.Errorf("member %q: JSON %v, XML %v", n, fromJSON.Extensions[n], fromXML.Extensions[n])
		}
	}
	if got := fmt.Sprint(fromXML.Extensions["nested"]); got != "map[not ok:2 ok:1]" {
		t.Errorf("nested via XML %s; body %s", got, body)
	}
	if got := fmt.Sprint(fromXML.Extensions["violated_policies"]); got != "[default burst]" {
		t.Errorf("violated_policies via XML %s", got)
	}
	if len(fromXML.Extensions) != len(fromJSON.Extensions) {
		t.Errorf("XML has %d members, JSON %d", len(fromXML.Extensions), len(fromJSON.Extensions))
	}
}
