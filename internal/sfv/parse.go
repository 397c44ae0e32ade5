package sfv

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// ParseList parses a field value as an RFC 9651 §4.2.1 List of Items. Field
// lines of a repeated field are joined with ", " before parsing, as §4.2
// prescribes. An empty value is an empty list. Inner Lists, Decimals and the
// other types this package does not model are a syntax error.
func ParseList(lines ...string) ([]Item, error) {
	p := parser{s: strings.Join(lines, ", ")}
	p.skipSP()
	var items []Item
	for p.i < len(p.s) {
		it, err := p.item()
		if err != nil {
			return nil, err
		}
		items = append(items, it)
		p.skipOWS()
		if p.i == len(p.s) {
			return items, nil
		}
		if p.s[p.i] != ',' {
			return nil, p.fail()
		}
		p.i++
		p.skipOWS()
		if p.i == len(p.s) {
			return nil, p.fail() // trailing comma
		}
	}
	return items, nil
}

type parser struct {
	s string
	i int
}

func (p *parser) fail() error {
	return &SyntaxError{Offset: p.i}
}

// A SyntaxError reports where a field value stopped being valid.
type SyntaxError struct{ Offset int }

// Error describes the error with its byte offset.
func (e *SyntaxError) Error() string { return "sfv: syntax error at offset " + strconv.Itoa(e.Offset) }

// Is makes errors.Is(err, ErrSyntax) true.
func (e *SyntaxError) Is(target error) bool { return target == ErrSyntax }

func (p *parser) skipSP() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

func (p *parser) skipOWS() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *parser) item() (Item, error) {
	v, err := p.bare()
	if err != nil {
		return Item{}, err
	}
	it := Item{Value: v}
	for p.i < len(p.s) && p.s[p.i] == ';' {
		p.i++
		p.skipSP()
		k, err := p.key()
		if err != nil {
			return Item{}, err
		}
		var pv any = true
		if p.i < len(p.s) && p.s[p.i] == '=' {
			p.i++
			if pv, err = p.bare(); err != nil {
				return Item{}, err
			}
		}
		replaced := false
		for j := range it.Params {
			if it.Params[j].Key == k { // §4.2.3.2: a later duplicate overwrites
				it.Params[j].Value, replaced = pv, true
			}
		}
		if !replaced {
			it.Params = append(it.Params, Param{Key: k, Value: pv})
		}
	}
	return it, nil
}

func (p *parser) key() (string, error) {
	start := p.i
	if p.i >= len(p.s) || !(isLCAlpha(p.s[p.i]) || p.s[p.i] == '*') {
		return "", p.fail()
	}
	for p.i < len(p.s) && isKeyChar(p.s[p.i]) {
		p.i++
	}
	return p.s[start:p.i], nil
}

func (p *parser) bare() (any, error) {
	if p.i >= len(p.s) {
		return nil, p.fail()
	}
	c := p.s[p.i]
	switch {
	case c == '-' || isDigit(c):
		return p.integer()
	case c == '"':
		return p.str()
	case c == ':':
		return p.binary()
	case c == '?':
		if p.i+1 < len(p.s) && (p.s[p.i+1] == '0' || p.s[p.i+1] == '1') {
			p.i += 2
			return p.s[p.i-1] == '1', nil
		}
		return nil, p.fail()
	case isAlpha(c) || c == '*':
		start := p.i
		for p.i < len(p.s) && isTokenChar(p.s[p.i]) {
			p.i++
		}
		return Token(p.s[start:p.i]), nil
	}
	return nil, p.fail()
}

func (p *parser) integer() (any, error) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	digits := p.i
	for p.i < len(p.s) && isDigit(p.s[p.i]) {
		p.i++
	}
	if n := p.i - digits; n == 0 || n > 15 {
		return nil, p.fail()
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		return nil, p.fail() // decimals are not supported
	}
	v, err := strconv.ParseInt(p.s[start:p.i], 10, 64)
	if err != nil {
		return nil, p.fail()
	}
	return v, nil
}

func (p *parser) str() (any, error) {
	p.i++ // opening quote
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		p.i++
		switch {
		case c == '\\':
			if p.i >= len(p.s) || (p.s[p.i] != '"' && p.s[p.i] != '\\') {
				return nil, p.fail()
			}
			b.WriteByte(p.s[p.i])
			p.i++
		case c == '"':
			return b.String(), nil
		case c < 0x20 || c > 0x7e:
			return nil, p.fail()
		default:
			b.WriteByte(c)
		}
	}
	return nil, p.fail()
}

func (p *parser) binary() (any, error) {
	p.i++
	end := strings.IndexByte(p.s[p.i:], ':')
	if end < 0 {
		return nil, p.fail()
	}
	// RFC 9651 §4.2.7: only base64 characters and '=' may appear (Go's
	// decoder would skip CR and LF), and missing '=' padding is accepted.
	enc := p.s[p.i : p.i+end]
	if strings.ContainsAny(enc, "\r\n") {
		return nil, p.fail()
	}
	v, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(enc, "="))
	if err != nil {
		return nil, p.fail()
	}
	p.i += end + 1
	return v, nil
}
