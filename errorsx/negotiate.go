package errorsx

import (
	"strings"

	"github.com/fourxx/fourxx/internal/httpsyntax"
)

// A format is the media type a problem is written in. Negotiation yields
// one and the body is encoded from it, never from what the header map says
// by the time the body is written.
type format uint8

const (
	formatProblemJSON format = iota // application/problem+json, the default
	formatJSON                      // application/json, for clients that accept JSON but not problem+json
	formatProblemXML                // application/problem+xml (RFC 9457 Appendix B)
)

// offers lists the formats in the renderer's order of preference, indexed
// by format.
var offers = []httpsyntax.MediaType{
	formatProblemJSON: {Type: "application", Sub: "problem+json"},
	formatJSON:        {Type: "application", Sub: "json"},
	formatProblemXML:  {Type: "application", Sub: "problem+xml"},
}

// contentTypes holds the Content-Type field value of each format; the
// slices are shared by every response and never modified.
var contentTypes = [...][]string{
	formatProblemJSON: {"application/problem+json"},
	formatJSON:        {"application/json"},
	formatProblemXML:  {"application/problem+xml"},
}

// negotiate picks the format for the request's Accept lines. The values
// clients send most are answered without parsing; the answer is the one
// parsing gives (negotiate_internal_test.go compares the two).
func negotiate(accept []string) format {
	switch {
	case len(accept) == 0:
		return formatProblemJSON
	case len(accept) == 1:
		switch accept[0] {
		case "application/json":
			return formatJSON
		case "*/*", "application/problem+json", "":
			return formatProblemJSON
		}
	}
	return format(httpsyntax.Best(accept, offers...))
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
