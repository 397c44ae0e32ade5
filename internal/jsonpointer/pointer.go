package jsonpointer

import (
	"errors"
	"strings"
)

// ErrSyntax is returned for a string that is not a JSON Pointer.
var ErrSyntax = errors.New("jsonpointer: invalid pointer syntax")

// Escape returns token with "~" written as "~0" and "/" as "~1" (RFC 6901
// §3), ready to follow a "/" in a pointer.
func Escape(token string) string {
	if !strings.ContainsAny(token, "~/") {
		return token
	}
	return escaper.Replace(token)
}

var escaper = strings.NewReplacer("~", "~0", "/", "~1")

// Unescape reverses [Escape]: "~1" becomes "/" and then "~0" becomes "~"
// (RFC 6901 §4). A "~" followed by anything else is [ErrSyntax].
func Unescape(token string) (string, error) {
	if !strings.Contains(token, "~") {
		return token, nil
	}
	var b strings.Builder
	b.Grow(len(token)) // unescaping only shortens
	for i := 0; i < len(token); i++ {
		c := token[i]
		if c != '~' {
			b.WriteByte(c)
			continue
		}
		if i+1 == len(token) || (token[i+1] != '0' && token[i+1] != '1') {
			return "", ErrSyntax
		}
		if token[i+1] == '0' {
			b.WriteByte('~')
		} else {
			b.WriteByte('/')
		}
		i++
	}
	return b.String(), nil
}

// Join builds a pointer from its unescaped reference tokens; no tokens is the
// empty pointer "", which refers to the whole document.
func Join(tokens ...string) string {
	n := 0
	for _, t := range tokens {
		n += 1 + len(t)
	}
	var b strings.Builder
	b.Grow(n) // escaping may add to it
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(Escape(t))
	}
	return b.String()
}

// Fragment returns the URI fragment form of the pointer p: "#" followed by p
// with every byte outside the fragment character set percent-encoded, so
// "/a b/c%d" becomes "#/a%20b/c%25d". Non-ASCII names are encoded as their
// UTF-8 bytes.
func Fragment(p string) string {
	size := FragmentLen(p)
	if size == 1+len(p) {
		return "#" + p
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, size)
	b = append(b, '#')
	for i := 0; i < len(p); i++ {
		c := p[i]
		if fragmentSafe(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&0xf])
		}
	}
	return string(b)
}

// FragmentLen returns len(Fragment(p)) without building it.
func FragmentLen(p string) int {
	n := 1 + len(p)
	for i := 0; i < len(p); i++ {
		if !fragmentSafe(p[i]) {
			n += 2
		}
	}
	return n
}

// fragmentSafe reports whether c may appear literally in a URI fragment:
// unreserved, sub-delims, ":", "@", "/" and "?" (RFC 3986 §3.5). "%" is not
// safe because it would start an escape.
func fragmentSafe(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:@/?", c) >= 0
}

// Parse splits a pointer into its unescaped reference tokens. It accepts the
// string form ("" or "/a/b") and the fragment form ("#" or "#/a/b", with
// percent-encoding). The whole-document pointer gives no tokens.
func Parse(s string) ([]string, error) {
	if strings.HasPrefix(s, "#") {
		var err error
		if s, err = percentDecode(s[1:]); err != nil {
			return nil, err
		}
	}
	if s == "" {
		return nil, nil
	}
	if s[0] != '/' {
		return nil, ErrSyntax
	}
	raw := strings.Split(s[1:], "/")
	tokens := make([]string, len(raw))
	for i, t := range raw {
		u, err := Unescape(t)
		if err != nil {
			return nil, err
		}
		tokens[i] = u
	}
	return tokens, nil
}

func percentDecode(s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", ErrSyntax
		}
		hi, ok1 := unhex(s[i+1])
		lo, ok2 := unhex(s[i+2])
		if !ok1 || !ok2 {
			return "", ErrSyntax
		}
		b = append(b, hi<<4|lo)
		i += 2
	}
	return string(b), nil
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
