package errorsx

import (
	"strings"

	"github.com/fourxx/fourxx/internal/httpsyntax"
)

// A Challenge is one authentication challenge of a WWW-Authenticate field
// (RFC 9110 §11.3), e.g. Bearer realm="api", error="invalid_token".
type Challenge struct {
	// Scheme is the authentication scheme, e.g. "Bearer" or "Basic".
	Scheme string
	// Params are the auth-params, written in order.
	Params []Param
}

// A Param is one auth-param of a challenge.
type Param struct {
	Name  string // the auth-param's name, a token such as "realm"
	Value string // its value, always sent as a quoted-string
}

// String formats the challenge for a WWW-Authenticate field line. Every
// parameter value is written as a quoted-string with '"' and '\' escaped and
// control characters dropped, so user-influenced text (a realm, an
// error_description) can never break the header line or inject another one.
func (c Challenge) String() string {
	var b strings.Builder
	b.WriteString(c.Scheme)
	for i, p := range c.Params {
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteString(", ")
		}
		b.WriteString(p.Name)
		b.WriteByte('=')
		b.WriteString(httpsyntax.Quote(p.Value))
	}
	return b.String()
}
