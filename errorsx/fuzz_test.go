package errorsx_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fourxx/fourxx/errorsx"
)

// fuzzContentTypes are the Content-Type values FuzzFromResponse picks from:
// each decoding branch, with and without parameters, and a malformed one.
var fuzzContentTypes = []string{
	"application/problem+json",
	"application/json; charset=utf-8",
	"application/problem+xml",
	"text/html; charset=utf-8",
	"",
	"application/problem+json;;",
}

// FuzzFromResponse feeds arbitrary bodies and Retry-After values to
// FromResponse: it never panics, a problem it returns always carries the
// response's status and headers, a non-problem body never fails, and
// RetryAfter is never negative.
func FuzzFromResponse(f *testing.F) {
	f.Add([]byte(`{"type":"about:blank","status":404,"detail":"gone"}`), uint8(0), "5", uint8(4))
	f.Add([]byte(`{"status":"x","errors":[1,{"detail":"d"}],"n":1e400}`), uint8(1), "Wed, 21 Oct 2015 07:28:00 GMT", uint8(22))
	f.Add([]byte(`<problem xmlns="urn:ietf:rfc:7807"><status>400</status><errors><i><detail>x</detail></i></errors><ext><i>1</i></ext><m><a>b</a></m></problem>`), uint8(2), "-1", uint8(0))
	f.Add([]byte(`<html><body>Bad Gateway</body></html>`), uint8(3), "Fri, 31 Dec 9999 23:59:59 GMT", uint8(102))
	f.Add([]byte(``), uint8(4), "4294967295", uint8(29))
	f.Add([]byte(`[]`), uint8(5), "99999999999999999999", uint8(199))
	f.Fuzz(func(t *testing.T, body []byte, ct uint8, retryAfter string, code uint8) {
		status := 400 + int(code)%200
		contentType := fuzzContentTypes[int(ct)%len(fuzzContentTypes)]
		header := http.Header{"Content-Type": {contentType}, "Retry-After": {retryAfter}}
		resp := &http.Response{StatusCode: status, Header: header, Body: io.NopCloser(bytes.NewReader(body))}
		p, err := errorsx.FromResponse(resp)
		if err != nil {
			if !strings.Contains(contentType, "json") && !strings.Contains(contentType, "xml") {
				t.Fatalf("FromResponse failed on a %q body: %v", contentType, err)
			}
			return
		}
		if p.Status != status {
			t.Fatalf("Status = %d, want the response's %d", p.Status, status)
		}
		if p.Header.Get("Retry-After") != retryAfter {
			t.Fatalf("Header is not the response's: Retry-After %q, want %q", p.Header.Get("Retry-After"), retryAfter)
		}
		if d, ok := p.RetryAfter(); d < 0 || (!ok && d != 0) {
			t.Fatalf("RetryAfter() = %v, %v for %q", d, ok, retryAfter)
		}
		if secs, err := strconv.ParseUint(retryAfter, 10, 32); err == nil {
			if d, ok := p.RetryAfter(); !ok || d.Seconds() != float64(secs) {
				t.Fatalf("RetryAfter() = %v, %v for delay-seconds %q", d, ok, retryAfter)
			}
		}
	})
}

// FuzzRenderRoundTrip renders problems with arbitrary strings as JSON and
// XML and decodes them with FromResponse: the body is always well-formed and
// the strings, extension names included, come back as written, with what
// the format cannot carry replaced by U+FFFD (invalid UTF-8; in XML,
// characters outside its Char production) and, in XML, the white space
// around element text trimmed.
func FuzzRenderRoundTrip(f *testing.F) {
	f.Add("name must be set", "note", "a value", "is required", "#/name", false)
	f.Add("bad \xff\xfe utf-8 \u2028 <tag> & \"quote\"", "x-y.z", "\x00\x01\x1f", "</i>", "#/a~1b", true)
	// Regression: the XML decoder trimmed Unicode white space (U+0085,
	// U+00A0) that the renderer had written as part of the text.
	f.Add(" \t\r\n padded \r\n", "unicode", "\u00a0nbsp\u00a0", "\u0085", "\uFFFE\uFFFF", true)
	f.Add("detail", "Ünïcode", "value", "\u2028", "", true)
	f.Add("", "xmlns", "]]>", "", "&#x0;", true)
	f.Add("\ufffd", "type", "", "\t", "\n", false)
	rd := errorsx.NewRenderer(errorsx.Options{Logger: slog.New(slog.DiscardHandler)})
	f.Fuzz(func(t *testing.T, detail, extName, extValue, fieldDetail, pointer string, asXML bool) {
		p := errorsx.UnprocessableContent(detail, errorsx.FieldError{Detail: fieldDetail, Pointer: pointer, Code: "fuzz"}).
			With(extName, extValue)
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		norm := jsonText
		if asXML {
			req.Header.Set("Accept", "application/problem+xml")
			norm = xmlText
		} else {
			req.Header.Set("Accept", "application/problem+json")
		}
		status, header, body := rd.Render(req, p)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", status)
		}
		if asXML {
			var v struct{ XMLName xml.Name }
			if err := xml.Unmarshal(body, &v); err != nil {
				t.Fatalf("body is not well-formed XML: %v\n%s", err, body)
			}
		} else if !json.Valid(body) {
			t.Fatalf("body is not valid JSON:\n%s", body)
		}
		got, err := errorsx.FromResponse(&http.Response{StatusCode: status, Header: header, Body: io.NopCloser(bytes.NewReader(body))})
		if err != nil {
			t.Fatalf("FromResponse: %v\n%s", err, body)
		}
		if want := norm(detail); got.Detail != want {
			t.Errorf("detail %q came back as %q, want %q", detail, got.Detail, want)
		}
		if len(got.Errors) != 1 {
			t.Fatalf("errors = %+v, want one entry\n%s", got.Errors, body)
		}
		fe := got.Errors[0]
		if fe.Detail != norm(fieldDetail) || fe.Pointer != norm(pointer) || fe.Code != "fuzz" {
			t.Errorf("field error %+v, want detail %q pointer %q", fe, norm(fieldDetail), norm(pointer))
		}
		if reserved(extName) {
			return // dropped by the renderer in both formats
		}
		name := jsonText(extName)
		if asXML {
			name = xmlChars(extName) // an attribute value keeps its white space
		}
		if v, ok := got.Extensions[name]; !ok || v != norm(extValue) || len(got.Extensions) != 1 {
			t.Errorf("extension %q = %q came back as %#v, want %q\n%s", extName, extValue, v, norm(extValue), body)
		}
	})
}

// jsonText is what a JSON round trip makes of s: each invalid UTF-8 byte
// becomes U+FFFD.
func jsonText(s string) string { return string([]rune(s)) }

// xmlText is what an XML round trip makes of element text s: xmlChars,
// with the XML white space around the text trimmed by the decoder.
func xmlText(s string) string { return strings.Trim(xmlChars(s), " \t\r\n") }

// xmlChars is what XML can carry of s: like jsonText, and characters outside
// XML's Char production also become U+FFFD.
func xmlChars(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == utf8.RuneError || !(r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF ||
			r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

func reserved(name string) bool {
	switch name {
	case "type", "title", "status", "detail", "instance", "errors":
		return true
	}
	return false
}
