package errorsx

import (
	"strings"

	"github.com/fourxx/fourxx/internal/httpsyntax"
)

// negotiate picks the problem media type for the request's Accept lines.
func negotiate(accept []string) []string {
	if len(accept) == 0 {
		return ctProblemJSON
	}
	pj := httpsyntax.Quality(accept, "application", "problem+json")
	j := httpsyntax.Quality(accept, "application", "json")
	px := httpsyntax.Quality(accept, "application", "problem+xml")
	switch {
	case pj >= j && pj >= px:
		return ctProblemJSON
	case j >= px:
		return ctJSON
	default:
		return ctProblemXML
	}
}

// hasToken reports whether a comma-separated field (Vary) lists token.
func hasToken(lines []string, token string) bool {
	for _, line := range lines {
		for part := range strings.SplitSeq(line, ",") {
			part = strings.TrimSpace(part)
			if strings.EqualFold(part, token) || part == "*" {
				return true
			}
		}
	}
	return false
}
