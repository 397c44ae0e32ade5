package auth

import (
	"net/url"
	"strings"
)

// queryToken looks for access_token in a raw query, reading it as
// url.ParseQuery does (parameters split at '&', names and values
// percent-decoded, '+' as a space) but without building a map of every
// parameter: it returns the decoded value of the last access_token, how
// many there are, and whether any parameter of the query is malformed (a
// ';' or an invalid percent-escape), which url.ParseQuery reports as an
// error. Like url.ParseQuery it refuses a query of more than 10 000
// parameters: none is read from it. The work is linear in the query and
// allocates only to decode a name or the token that holds escapes.
func queryToken(rawQuery string) (token string, count int, malformed bool) {
	if strings.Count(rawQuery, "&") >= maxQueryParams {
		return "", 0, true
	}
	for rawQuery != "" {
		var param string
		param, rawQuery, _ = strings.Cut(rawQuery, "&")
		if strings.IndexByte(param, ';') >= 0 {
			malformed = true
			continue
		}
		if param == "" {
			continue
		}
		name, value, _ := strings.Cut(param, "=")
		if !validEscapes(name) || !validEscapes(value) {
			malformed = true
			continue
		}
		if name != "access_token" && strings.IndexByte(name, '%') < 0 {
			continue
		}
		if name, _ = url.QueryUnescape(name); name != "access_token" {
			continue
		}
		token, _ = url.QueryUnescape(value)
		count++
	}
	return token, count, malformed
}

// maxQueryParams is url.ParseQuery's default limit on parameters.
const maxQueryParams = 10000

// validEscapes reports whether every '%' in s starts a %XX escape.
func validEscapes(s string) bool {
	for i := strings.IndexByte(s, '%'); i >= 0; i = strings.IndexByte(s, '%') {
		if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			return false
		}
		s = s[i+3:]
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
