package middleware

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	// maxDetailBytes is the longest detail taken from a handler's text;
	// longer text is shortened at a word boundary.
	maxDetailBytes = 200
	// maxLoggedBytes is how much of a handler's 5xx text reaches the log.
	maxLoggedBytes = 512
	// ellipsis marks text that was shortened.
	ellipsis  = "…"
	hexDigits = "0123456789abcdef"
)

// detailFromText turns a handler's plain error text into a detail: valid
// UTF-8, control characters replaced by spaces, white space collapsed,
// shortened at a word boundary to at most maxDetailBytes with an ellipsis
// when longer or cut (only the start of it was kept). It returns "" for text
// holding markup and for text that only repeats the status.
func detailFromText(status int, text []byte, cut bool) string {
	s := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(string(text), " "))
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || hasMarkup(s) || reasonOnly(status, s) {
		return ""
	}
	if len(s) <= maxDetailBytes && !cut {
		return s
	}
	return shorten(s, maxDetailBytes-len(ellipsis)) + ellipsis
}

// shorten returns the longest prefix of s of at most limit bytes that ends
// at a word boundary, or at a character boundary when the first word alone
// is longer than limit. With cut text the last word may be partial, so a
// prefix always ends before it.
func shorten(s string, limit int) string {
	if len(s) > limit {
		i := limit
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		if s[i] == ' ' {
			return strings.TrimRight(s[:i], " ")
		}
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		return s[:i]
	}
	return s
}

// hasMarkup reports whether s holds what looks like an HTML or XML tag: "<"
// followed by a letter, "/", "!" or "?", and a ">" later on.
func hasMarkup(s string) bool {
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 || i+1 >= len(s) {
			return false
		}
		c := s[i+1]
		if ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || c == '/' || c == '!' || c == '?' {
			return strings.IndexByte(s[i+1:], '>') >= 0
		}
		s = s[i+1:]
	}
}

// escapeForLog returns up to maxLoggedBytes of text for a log line: invalid
// UTF-8 and control characters escaped as in a Go string literal, an
// ellipsis when text was longer or cut.
func escapeForLog(text []byte, cut bool) string {
	if len(text) > maxLoggedBytes {
		end := maxLoggedBytes
		for end > 0 && !utf8.RuneStart(text[end]) {
			end--
		}
		text, cut = text[:end], true
	}
	var b strings.Builder
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteByte(hexDigits[text[0]>>4])
			b.WriteByte(hexDigits[text[0]&0xf])
		case unicode.IsControl(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.Write(text[:size])
		}
		text = text[size:]
	}
	if cut {
		b.WriteString(ellipsis)
	}
	return b.String()
}
