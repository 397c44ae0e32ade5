package httpsyntax

import "strings"

// Quote returns s as an RFC 9110 §5.6.4 quoted-string. Control characters
// (including CR, LF and NUL) and DEL are dropped, so a value influenced by a
// user can never end a header line; '"' and '\' are escaped with a backslash.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 && c != '\t', c == 0x7f:
			// dropped: a control character must never reach a header line
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Restricted keeps only the characters RFC 6750 §3 allows in the error and
// error_description parameters of a Bearer challenge (%x20-21 / %x23-5B /
// %x5D-7E): printable ASCII without '"' and '\'. Every other byte is
// dropped. The result needs no escaping inside a quoted-string.
func Restricted(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if !restrictedOK(s[i]) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if restrictedOK(s[i]) {
			b = append(b, s[i])
		}
	}
	return string(b)
}

func restrictedOK(c byte) bool {
	return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\'
}

// IsToken reports whether s is a non-empty RFC 9110 §5.6.2 token, the syntax
// of method names, authentication schemes and parameter names.
func IsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isTchar(s[i]) {
			return false
		}
	}
	return true
}

func isTchar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}
