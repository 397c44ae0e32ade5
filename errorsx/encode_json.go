package errorsx

import (
	"encoding/json"
	"errors"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"unicode/utf8"
)

// reservedMembers are the names an extension may not take.
var reservedMembers = map[string]bool{
	"type": true, "title": true, "status": true, "detail": true, "instance": true, "errors": true,
}

// appendPrefix writes the opening of a problem object up to its status.
func appendPrefix(b []byte, typ, title string, status int) []byte {
	b = append(b, `{"type":`...)
	b = appendJSONString(b, typ)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, title)
	b = append(b, `,"status":`...)
	return strconv.AppendInt(b, int64(status), 10)
}

// appendJSON writes p as a problem+json document. Members come in a fixed
// order: type, title, status, detail, instance, errors, then extensions
// sorted by name.
func (rd *Renderer) appendJSON(b []byte, r *http.Request, status int, head *statusHead, p *Problem) []byte {
	typ, title, detail, instance := rd.view(r, status, head, p)
	if p.Type == "" || typ == head.typ && title == head.title { // no type of its own: the head's
		b = append(b, head.jsonPrefix...)
	} else {
		b = appendPrefix(b, typ, title, status)
	}
	if detail != "" {
		b = append(b, `,"detail":`...)
		b = appendJSONString(b, detail)
	}
	if instance != "" {
		b = append(b, `,"instance":`...)
		b = appendJSONString(b, instance)
	}
	if len(p.Errors) > 0 {
		b = append(b, `,"errors":[`...)
		for i := range p.Errors {
			if i > 0 {
				b = append(b, ',')
			}
			b = rd.appendFieldError(b, r, &p.Errors[i])
		}
		b = append(b, ']')
	}
	switch len(p.Extensions) {
	case 0:
	case 1:
		for name, v := range p.Extensions {
			b = rd.appendMember(b, r, name, v)
		}
	default:
		for _, name := range slices.Sorted(maps.Keys(p.Extensions)) {
			b = rd.appendMember(b, r, name, p.Extensions[name])
		}
	}
	return append(b, '}')
}

// appendMember writes one extension member, or drops it (logged) when its
// name is reserved or its value cannot be encoded.
func (rd *Renderer) appendMember(b []byte, r *http.Request, name string, v any) []byte {
	if reservedMembers[name] {
		rd.dropExtension(r, name, "collides with a standard member")
		return b
	}
	start := len(b)
	b = append(b, ',')
	b = appendJSONString(b, name)
	b = append(b, ':')
	b, err := appendJSONValue(b, v)
	if err != nil {
		rd.dropExtension(r, name, err.Error())
		return b[:start]
	}
	return b
}

// errInvalidRaw reports a json.RawMessage extension that is not valid JSON.
var errInvalidRaw = errors.New("json.RawMessage value is not valid JSON")

// appendJSONValue appends v as JSON. The common shapes of extension values
// are written directly; anything else goes through encoding/json.
func appendJSONValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case string:
		return appendJSONString(b, v), nil
	case []string:
		b = append(b, '[')
		for i, s := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, s)
		}
		return append(b, ']'), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case json.RawMessage:
		if !json.Valid(v) {
			return b, errInvalidRaw
		}
		return append(b, v...), nil
	}
	enc, err := json.Marshal(v)
	if err != nil {
		return b, err
	}
	return append(b, enc...), nil
}

func (rd *Renderer) appendFieldError(b []byte, r *http.Request, fe *FieldError) []byte {
	b = append(b, `{"detail":`...)
	b = appendJSONString(b, fe.Detail)
	for _, m := range [...]struct{ name, value string }{
		{`,"pointer":`, fe.Pointer}, {`,"parameter":`, fe.Parameter}, {`,"header":`, fe.Header}, {`,"code":`, fe.Code},
	} {
		if m.value != "" {
			b = append(b, m.name...)
			b = appendJSONString(b, m.value)
		}
	}
	if fe.Value != nil {
		if v, err := json.Marshal(fe.Value); err == nil {
			b = append(b, `,"value":`...)
			b = append(b, v...)
		} else {
			rd.dropExtension(r, "errors[].value", err.Error())
		}
	}
	return append(b, '}')
}

// dropExtension logs a member that could not be written. The document is
// still sent without it: failing the error response would hide the error.
func (rd *Renderer) dropExtension(r *http.Request, name, why string) {
	if rd.opts.Strict {
		panic("fourxx: problem member " + strconv.Quote(name) + " dropped: " + why)
	}
	rd.logf(r.Context(), slog.LevelWarn, "fourxx: problem member dropped", logKey{a: name, b: why},
		slog.String("member", name), slog.String("reason", why))
}

const hexDigits = "0123456789abcdef"

// plainJSON[c] is true for the bytes a JSON string carries as they are:
// printable ASCII, not '"' or '\\', and not the HTML-significant <, > and
// &. Bytes of multi-byte UTF-8 sequences are false: they are checked apart.
var plainJSON = func() (t [256]bool) {
	for c := byte(0x20); c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// Byte-lane masks for plainPrefix: the low and the high bit of each of the
// eight bytes of a uint64.
const lanesLow, lanesHigh = 0x0101010101010101, 0x8080808080808080

// plainPrefix returns the length of the longest prefix of s whose bytes are
// all plainJSON. It tests eight bytes at a time and finishes byte by byte.
// A word holds a byte to escape when some byte has its high bit set, is
// below 0x20, or is zero after one of three transforms: x^'\\', x|2^'>'
// (zero for '<' and '>', which differ in that bit alone) and x|4^'&' (zero
// for '"' and '&'). (v-lanesLow)&^v has a lane's high bit set where v has a
// zero byte, or above one, and nowhere when v has none, and x-0x20*lanesLow
// likewise for a byte below 0x20: the tests are exact for "some byte of the
// eight".
func plainPrefix(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8] // one bounds check for the eight loads
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		bs, lg, qa := x^('\\'*lanesLow), (x|0x02*lanesLow)^('>'*lanesLow), (x|0x04*lanesLow)^('&'*lanesLow)
		if (x|(x-0x20*lanesLow)&^x|(bs-lanesLow)&^bs|(lg-lanesLow)&^lg|(qa-lanesLow)&^qa)&lanesHigh != 0 {
			break
		}
	}
	for i < len(s) && plainJSON[s[i]] {
		i++
	}
	return i
}

// appendJSONString appends s as a JSON string. Like encoding/json it escapes
// <, > and & so a body shown in HTML cannot open a tag, replaces invalid
// UTF-8 with U+FFFD and escapes U+2028 and U+2029.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := plainPrefix(s); i < len(s); {
		c := s[i]
		if plainJSON[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
