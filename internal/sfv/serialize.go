package sfv

import (
	"encoding/base64"
	"strconv"
)

// AppendList appends the RFC 9651 §4.1.1 serialization of a List of Items,
// members separated by ", ". It fails, leaving b's visible content
// unspecified, if any value cannot be represented or the list is empty.
func AppendList(b []byte, items []Item) ([]byte, error) {
	if len(items) == 0 {
		return b, ErrEmptyList
	}
	var err error
	for i, it := range items {
		if i > 0 {
			b = append(b, ", "...)
		}
		if b, err = AppendItem(b, it); err != nil {
			return b, err
		}
	}
	return b, nil
}

// AppendItem appends one Item with its parameters (RFC 9651 §4.1.3).
func AppendItem(b []byte, it Item) ([]byte, error) {
	b, err := appendBare(b, it.Value)
	if err != nil {
		return b, err
	}
	for _, p := range it.Params {
		if !ValidKey(p.Key) {
			return b, ErrInvalidKey
		}
		b = append(b, ';')
		b = append(b, p.Key...)
		if v, ok := p.Value.(bool); ok && v {
			continue
		}
		b = append(b, '=')
		if b, err = appendBare(b, p.Value); err != nil {
			return b, err
		}
	}
	return b, nil
}

func appendBare(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case string:
		if !ValidString(v) {
			return b, ErrInvalidString
		}
		return AppendString(b, v), nil
	case Token:
		if !ValidToken(string(v)) {
			return b, ErrInvalidToken
		}
		return append(b, v...), nil
	case int64:
		if v > MaxInteger || v < -MaxInteger {
			return b, ErrIntegerRange
		}
		return strconv.AppendInt(b, v, 10), nil
	case int:
		return appendBare(b, int64(v))
	case bool:
		if v {
			return append(b, "?1"...), nil
		}
		return append(b, "?0"...), nil
	case []byte:
		b = append(b, ':')
		b = base64.StdEncoding.AppendEncode(b, v)
		return append(b, ':'), nil
	}
	return b, ErrUnsupported
}

// AppendString appends s as an sf-string, escaping '"' and '\'. The caller
// must have checked s with [ValidString].
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}
