package reference

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// searchQuery returns the first q parameter of a raw query string, decoded,
// made valid UTF-8, trimmed, and cut to at most MaxQueryLength bytes. Only
// the first 3*MaxQueryLength escaped bytes of the value are decoded, so a
// huge query costs no more than a short one. A malformed escape yields "".
func searchQuery(rawQuery string) string {
	for rawQuery != "" {
		var pair string
		pair, rawQuery, _ = strings.Cut(rawQuery, "&")
		key, value, _ := strings.Cut(pair, "=")
		if key != "q" {
			continue
		}
		if len(value) > 3*MaxQueryLength {
			value = dropPartialEscape(value[:3*MaxQueryLength])
		}
		q, err := url.QueryUnescape(value)
		if err != nil {
			return ""
		}
		return truncate(strings.TrimSpace(strings.ToValidUTF8(q, "")), MaxQueryLength)
	}
	return ""
}

// dropPartialEscape removes a %XX escape that a cut left incomplete at the
// end of s.
func dropPartialEscape(s string) string {
	if i := strings.LastIndexByte(s, '%'); i >= 0 && i >= len(s)-2 {
		return s[:i]
	}
	return s
}

// truncate cuts s to at most n bytes without splitting a UTF-8 sequence.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.TrimSpace(s[:n])
}
