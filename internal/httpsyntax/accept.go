package httpsyntax

import "strings"

// A MediaType is a type/subtype pair offered to Accept negotiation, such as
// {"application", "problem+json"}. Both parts are compared
// case-insensitively.
type MediaType struct{ Type, Sub string }

// MaxOffers is the most media types [Best] chooses among.
const MaxOffers = 8

// Quality returns how much the Accept field lines accept the media type
// typ/sub, as a q-value scaled to 0–1000 (RFC 9110 §12.5.1). The most specific
// matching range wins (type/sub over type/* over */*). A type no range matches
// gets 0. Matching is case-insensitive; media-type parameters other than q are
// ignored. Quality does not allocate.
func Quality(accept []string, typ, sub string) int {
	var q [MaxOffers]int
	qualities(accept, []MediaType{{typ, sub}}, &q)
	return q[0]
}

// Best returns the index in offers of the media type the Accept field lines
// prefer: the one with the highest q-value as [Quality] computes it, the
// earlier offer on a tie. When accept is empty or accepts none of them, it
// returns 0, the server's first choice. It reads each Accept range once,
// whatever the number of offers, does not allocate, and panics when given
// more than [MaxOffers] offers.
func Best(accept []string, offers ...MediaType) int {
	if len(offers) > MaxOffers {
		panic("httpsyntax: Best: more than MaxOffers offers")
	}
	var q [MaxOffers]int
	qualities(accept, offers, &q)
	best := 0
	for i := 1; i < len(offers); i++ {
		if q[i] > q[best] {
			best = i
		}
	}
	return best
}

// qualities sets q[i] to the q-value of offers[i] in one pass over the
// Accept ranges.
func qualities(accept []string, offers []MediaType, q *[MaxOffers]int) {
	var spec [MaxOffers]int // specificity of the range that set q[i]
	for _, line := range accept {
		for line != "" {
			var rng string
			if i := strings.IndexByte(line, ','); i >= 0 {
				rng, line = line[:i], line[i+1:]
			} else {
				rng, line = line, ""
			}
			params := ""
			if i := strings.IndexByte(rng, ';'); i >= 0 {
				rng, params = rng[:i], rng[i+1:]
			}
			slash := strings.IndexByte(rng, '/')
			if slash < 0 {
				continue
			}
			rt, rs := trimLeftSpace(rng[:slash]), trimRightSpace(rng[slash+1:])
			rangeQ := -1 // parsed on the first offer the range is more specific for
			typeMatch, prevType := false, ""
			for k, o := range offers {
				if k == 0 || o.Type != prevType {
					typeMatch, prevType = equalFold(rt, o.Type), o.Type
				}
				s := matchSpec(rt, rs, o.Sub, typeMatch)
				if s <= spec[k] {
					continue
				}
				if rangeQ < 0 {
					rangeQ = qParam(params)
				}
				spec[k], q[k] = s, rangeQ
			}
		}
	}
}

// matchSpec returns the specificity (0 = no match, 1 = */*, 2 = type/*,
// 3 = type/sub) with which the range rt/rs matches an offer with subtype
// sub; typeMatch says whether rt equals the offer's type.
func matchSpec(rt, rs, sub string, typeMatch bool) int {
	switch {
	case rt == "*" && rs == "*":
		return 1
	case !typeMatch:
		return 0
	case rs == "*":
		return 2
	case equalFold(rs, sub):
		return 3
	}
	return 0
}

// equalFold reports whether a and b are equal under ASCII case folding,
// comparing exactly first (media types are mostly sent in lower case).
func equalFold(a, b string) bool {
	return len(a) == len(b) && (a == b || strings.EqualFold(a, b))
}

// isSpace reports whether c is ASCII white space.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}

func trimLeftSpace(s string) string {
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	return s
}

func trimRightSpace(s string) string {
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// qParam finds the q parameter in a ';'-separated parameter list and returns
// it scaled to 0–1000; absent or malformed means 1000 (RFC 9110 default).
func qParam(params string) int {
	for params != "" {
		var p string
		if i := strings.IndexByte(params, ';'); i >= 0 {
			p, params = params[:i], params[i+1:]
		} else {
			p, params = params, ""
		}
		p = strings.TrimSpace(p)
		if len(p) < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=' {
			continue
		}
		return parseQValue(strings.TrimSpace(p[2:]))
	}
	return 1000
}

// parseQValue parses qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ).
// Anything malformed counts as 0, so a broken range never wins.
func parseQValue(s string) int {
	if s == "" || (s[0] != '0' && s[0] != '1') {
		return 0
	}
	v := int(s[0]-'0') * 1000
	if len(s) == 1 {
		return v
	}
	if s[1] != '.' || len(s) > 5 {
		return 0
	}
	scale := 100
	for i := 2; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0
		}
		v += int(c-'0') * scale
		scale /= 10
	}
	if v > 1000 {
		return 0
	}
	return v
}
