package sfv

import "errors"

// A Token is an RFC 9651 §3.3.4 Token bare item, e.g. foo or *bar/baz.
type Token string

// An Item is a bare item with its parameters. Value is a string (sf-string),
// a Token, an int64 (sf-integer), a bool (sf-boolean) or a []byte
// (sf-binary).
type Item struct {
	Value  any
	Params []Param
}

// A Param is one parameter of an item. Value has the same types as
// [Item.Value]; true is written as a bare key (RFC 9651 §4.1.1.2).
type Param struct {
	Key   string
	Value any
}

// Param returns the value of the first parameter named key, or nil.
func (it Item) Param(key string) any {
	for _, p := range it.Params {
		if p.Key == key {
			return p.Value
		}
	}
	return nil
}

// MaxInteger is the largest magnitude of an sf-integer (15 digits).
const MaxInteger = 999_999_999_999_999

// Errors returned by the serializer and the parser.
var (
	ErrInvalidString = errors.New("sfv: string has a character outside printable ASCII")
	ErrInvalidKey    = errors.New("sfv: invalid key")
	ErrInvalidToken  = errors.New("sfv: invalid token")
	ErrIntegerRange  = errors.New("sfv: integer out of range")
	ErrUnsupported   = errors.New("sfv: unsupported bare item type")
	ErrSyntax        = errors.New("sfv: syntax error")
	ErrEmptyList     = errors.New("sfv: empty list")
)

// ValidString reports whether s can be written as an sf-string: printable
// ASCII (%x20-7E) only.
func ValidString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// ValidKey reports whether s is an RFC 9651 key:
// ( lcalpha / "*" ) *( lcalpha / DIGIT / "_" / "-" / "." / "*" ).
func ValidKey(s string) bool {
	if s == "" || !(isLCAlpha(s[0]) || s[0] == '*') {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isKeyChar(s[i]) {
			return false
		}
	}
	return true
}

// ValidToken reports whether s is an RFC 9651 token:
// ( ALPHA / "*" ) *( tchar / ":" / "/" ).
func ValidToken(s string) bool {
	if s == "" || !(isAlpha(s[0]) || s[0] == '*') {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isTokenChar(s[i]) {
			return false
		}
	}
	return true
}

func isLCAlpha(c byte) bool { return c >= 'a' && c <= 'z' }
func isAlpha(c byte) bool   { return isLCAlpha(c) || (c >= 'A' && c <= 'Z') }
func isDigit(c byte) bool   { return c >= '0' && c <= '9' }

func isKeyChar(c byte) bool {
	return isLCAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*'
}

func isTokenChar(c byte) bool {
	if isAlpha(c) || isDigit(c) {
		return true
	}
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~', ':', '/':
		return true
	}
	return false
}
