package errorsx

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"unicode/utf8"
)

// appendXML writes p as an application/problem+xml document (RFC 9457
// Appendix B): root <problem xmlns="urn:ietf:rfc:7807">, one element per
// member, arrays as <i> children, objects as nested elements. A member name
// that cannot be an element name is written as <member name="…"> (see
// appendXMLStart), so the document carries every member the JSON one does.
func (rd *Renderer) appendXML(b []byte, r *http.Request, status int, head *statusHead, p *Problem) []byte {
	typ, title, detail, instance := rd.view(r, status, head, p)
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<problem xmlns="urn:ietf:rfc:7807">`...)
	b = appendXMLElem(b, "type", typ)
	b = appendXMLElem(b, "title", title)
	b = append(b, "<status>"...)
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, "</status>"...)
	if detail != "" {
		b = appendXMLElem(b, "detail", detail)
	}
	if instance != "" {
		b = appendXMLElem(b, "instance", instance)
	}
	if len(p.Errors) > 0 {
		b = append(b, "<errors>"...)
		for _, fe := range p.Errors {
			b = append(b, "<i>"...)
			b = appendXMLElem(b, "detail", fe.Detail)
			for _, m := range [...]struct{ name, value string }{
				{"pointer", fe.Pointer}, {"parameter", fe.Parameter}, {"header", fe.Header}, {"code", fe.Code},
			} {
				if m.value != "" {
					b = appendXMLElem(b, m.name, m.value)
				}
			}
			if fe.Value != nil {
				b = rd.appendXMLValue(b, r, "value", fe.Value, false)
			}
			b = append(b, "</i>"...)
		}
		b = append(b, "</errors>"...)
	}
	switch len(p.Extensions) {
	case 0:
	case 1:
		for name, v := range p.Extensions {
			b = rd.appendXMLMember(b, r, name, v)
		}
	default:
		for _, name := range slices.Sorted(maps.Keys(p.Extensions)) {
			b = rd.appendXMLMember(b, r, name, p.Extensions[name])
		}
	}
	return append(b, "</problem>"...)
}

// appendXMLMember writes one extension member, or drops it (logged) when
// its name is reserved.
func (rd *Renderer) appendXMLMember(b []byte, r *http.Request, name string, v any) []byte {
	if reservedMembers[name] {
		rd.dropExtension(r, name, "collides with a standard member")
		return b
	}
	return rd.appendXMLValue(b, r, name, v, false)
}

// appendXMLValue writes one member. Strings, []string, integers and
// booleans are written directly; any other value by way of its JSON form,
// so the XML and JSON documents carry the same data. inMap says the member
// is a key of an object, where the name "i" is escaped because <i> children
// mean a list.
func (rd *Renderer) appendXMLValue(b []byte, r *http.Request, name string, v any, inMap bool) []byte {
	switch v := v.(type) {
	case string:
		b = appendXMLStart(b, name, inMap)
		b = appendXMLText(b, v)
		return appendXMLEnd(b, name, inMap)
	case []string:
		b = appendXMLStart(b, name, inMap)
		for _, s := range v {
			b = appendXMLElem(b, "i", s)
		}
		return appendXMLEnd(b, name, inMap)
	case int:
		b = appendXMLStart(b, name, inMap)
		b = strconv.AppendInt(b, int64(v), 10)
		return appendXMLEnd(b, name, inMap)
	case int64:
		b = appendXMLStart(b, name, inMap)
		b = strconv.AppendInt(b, v, 10)
		return appendXMLEnd(b, name, inMap)
	case bool:
		b = appendXMLStart(b, name, inMap)
		b = strconv.AppendBool(b, v)
		return appendXMLEnd(b, name, inMap)
	}
	raw, err := appendJSONValue(nil, v)
	if err != nil {
		rd.dropExtension(r, name, err.Error())
		return b
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		rd.dropExtension(r, name, err.Error())
		return b
	}
	return appendXMLGeneric(b, name, generic, inMap)
}

// appendXMLGeneric writes a decoded JSON value as the element name.
func appendXMLGeneric(b []byte, name string, v any, inMap bool) []byte {
	b = appendXMLStart(b, name, inMap)
	switch v := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			b = appendXMLGeneric(b, k, v[k], true)
		}
	case []any:
		for _, item := range v {
			b = appendXMLGeneric(b, "i", item, false)
		}
	case string:
		b = appendXMLText(b, v)
	case json.Number:
		b = append(b, v...)
	case bool:
		b = strconv.AppendBool(b, v)
	}
	return appendXMLEnd(b, name, inMap)
}

// escapedName is the element that carries a member whose name cannot be an
// element name; the name goes in its name attribute.
const escapedName = "member"

// needsEscape reports whether a member name must be written in a
// <member name="…"> element: it is not an XML name, or it is "i" inside an
// object (where <i> would read as a list item), or it is "member" itself.
func needsEscape(name string, inMap bool) bool {
	return !isXMLName(name) || (inMap && name == "i") || name == escapedName
}

func appendXMLStart(b []byte, name string, inMap bool) []byte {
	if needsEscape(name, inMap) {
		b = append(b, "<"+escapedName+` name="`...)
		b = appendXMLText(b, name)
		return append(b, `">`...)
	}
	b = append(b, '<')
	b = append(b, name...)
	return append(b, '>')
}

func appendXMLEnd(b []byte, name string, inMap bool) []byte {
	if needsEscape(name, inMap) {
		return append(b, "</"+escapedName+">"...)
	}
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, '>')
}

func appendXMLElem(b []byte, name, text string) []byte {
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = appendXMLText(b, text)
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, '>')
}

// appendXMLText appends s as XML character data, escaped like
// xml.EscapeText: markup characters and white space other than the space
// become character references, and anything XML 1.0 cannot carry (other
// control characters, invalid UTF-8, U+FFFE, U+FFFF) becomes U+FFFD.
func appendXMLText(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		if c := s[i]; plainXML[c] {
			j := i + 1
			for j < len(s) && plainXML[s[j]] {
				j++
			}
			b = append(b, s[i:j]...)
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&#34;"...)
		case r == '\'':
			b = append(b, "&#39;"...)
		case r == '\t':
			b = append(b, "&#x9;"...)
		case r == '\n':
			b = append(b, "&#xA;"...)
		case r == '\r':
			b = append(b, "&#xD;"...)
		case r < 0x20 || (r == utf8.RuneError && size == 1) || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
			b = append(b, "\uFFFD"...)
		default:
			b = append(b, s[i-size:i]...)
		}
	}
	return b
}

// plainXML[c] is true for the ASCII bytes XML character data carries as
// they are: printable, and not one of the five characters appendXMLText
// writes as references.
var plainXML = func() (t [256]bool) {
	for c := byte(0x20); c < utf8.RuneSelf; c++ {
		t[c] = c != '&' && c != '<' && c != '>' && c != '"' && c != '\''
	}
	return t
}()

// isXMLName reports whether s is an XML Name made of ASCII letters, digits,
// '_', '-' and '.', not starting with a digit, '-', '.' or "xml".
func isXMLName(s string) bool {
	if s == "" || len(s) >= 3 && (s[0]|0x20) == 'x' && (s[1]|0x20) == 'm' && (s[2]|0x20) == 'l' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}
