package httpsyntax

import "strings"

// Quality returns how much the Accept field lines accept the media type
// typ/sub, as a q-value scaled to 0–1000 (RFC 9110 §12.5.1). The most specific
// matching range wins (type/sub over type/* over */*). A type no range matches
// gets 0. Matching is case-insensitive; media-type parameters other than q are
// ignored. Quality does not allocate.
func Quality(accept []string, typ, sub string) int {
	bestSpec, bestQ := 0, 0
	for _, line := range accept {
		for line != "" {
			var rng string
			if i := strings.IndexByte(line, ','); i >= 0 {
				rng, line = line[:i], line[i+1:]
			} else {
				rng, line = line, ""
			}
			spec, q := matchRange(rng, typ, sub)
			if spec > bestSpec {
				bestSpec, bestQ = spec, q
			}
		}
	}
	return bestQ
}

// matchRange returns the specificity (0 = no match, 1 = */*, 2 = type/*,
// 3 = type/sub) with which one Accept range matches typ/sub, and its q.
func matchRange(rng, typ, sub string) (spec, q int) {
	params := ""
	if i := strings.IndexByte(rng, ';'); i >= 0 {
		rng, params = rng[:i], rng[i+1:]
	}
	rng = strings.TrimSpace(rng)
	slash := strings.IndexByte(rng, '/')
	if slash < 0 {
		return 0, 0
	}
	rt, rs := rng[:slash], rng[slash+1:]
	switch {
	case rt == "*" && rs == "*":
		spec = 1
	case strings.EqualFold(rt, typ) && rs == "*":
		spec = 2
	case strings.EqualFold(rt, typ) && strings.EqualFold(rs, sub):
		spec = 3
	default:
		return 0, 0
	}
	return spec, qParam(params)
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
