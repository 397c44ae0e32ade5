// A strict parser of WWW-Authenticate field lines (RFC 9110 §11.3, one
// challenge per line), so that the conformance tests check what a client
// would parse, not substrings.

package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

type authParam struct {
	name, value string
	// raw is the value as written, quotes and escapes included.
	raw string
}

type challenge struct {
	scheme string
	params []authParam
}

func (c challenge) param(name string) (authParam, bool) {
	for _, p := range c.params {
		if strings.EqualFold(p.name, name) {
			return p, true
		}
	}
	return authParam{}, false
}

func isTchar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

func tokenEnd(s string, i int) int {
	for i < len(s) && isTchar(s[i]) {
		i++
	}
	return i
}

func skipOWS(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// parseChallenge parses one field line holding exactly one challenge with
// auth-params (token68 is not used by the demo's schemes).
func parseChallenge(line string) (challenge, error) {
	end := tokenEnd(line, 0)
	if end == 0 {
		return challenge{}, errors.New("no auth-scheme")
	}
	c := challenge{scheme: line[:end]}
	if end == len(line) {
		return c, nil
	}
	if line[end] != ' ' {
		return c, fmt.Errorf("no SP after the scheme at %d", end)
	}
	i := skipOWS(line, end)
	for i < len(line) {
		nameEnd := tokenEnd(line, i)
		if nameEnd == i {
			return c, fmt.Errorf("expected a parameter name at %d", i)
		}
		p := authParam{name: line[i:nameEnd]}
		i = skipOWS(line, nameEnd)
		if i >= len(line) || line[i] != '=' {
			return c, fmt.Errorf("parameter %q without '=' (a second challenge on one line?)", p.name)
		}
		i = skipOWS(line, i+1)
		start := i
		if i < len(line) && line[i] == '"' {
			var v strings.Builder
			for i++; ; i++ {
				if i >= len(line) {
					return c, errors.New("unterminated quoted-string")
				}
				if line[i] == '\\' && i+1 < len(line) {
					i++
					v.WriteByte(line[i])
					continue
				}
				if line[i] == '"' {
					i++
					break
				}
				v.WriteByte(line[i])
			}
			p.value = v.String()
		} else {
			i = tokenEnd(line, i)
			if i == start {
				return c, fmt.Errorf("parameter %q has no value", p.name)
			}
			p.value = line[start:i]
		}
		p.raw = line[start:i]
		c.params = append(c.params, p)
		i = skipOWS(line, i)
		if i < len(line) {
			if line[i] != ',' {
				return c, fmt.Errorf("expected ',' at %d", i)
			}
			i = skipOWS(line, i+1)
		}
	}
	return c, nil
}

// challenges parses every WWW-Authenticate line of x.
func (x exchange) challenges(t *testing.T) []challenge {
	t.Helper()
	var out []challenge
	for _, line := range x.header.Values("WWW-Authenticate") {
		c, err := parseChallenge(line)
		if err != nil {
			t.Fatalf("%s: WWW-Authenticate %q: %v", x.name, line, err)
		}
		out = append(out, c)
	}
	return out
}

func (x exchange) bearer(t *testing.T) challenge {
	t.Helper()
	for _, c := range x.challenges(t) {
		if strings.EqualFold(c.scheme, "Bearer") {
			return c
		}
	}
	t.Fatalf("%s: no Bearer challenge in %q", x.name, x.header.Values("WWW-Authenticate"))
	return challenge{}
}
