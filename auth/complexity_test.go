package auth_test

import (
	"encoding/base64"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/complexitytest"
)

// complexityN is the small input size of the header shapes, in bytes: 4×
// it stays under MaxCredentialsLength, so n and 4n take the same path
// through the parser instead of one being refused as oversized.
const complexityN = auth.MaxCredentialsLength / 4 * 9 / 10

// fill returns prefix followed by unit repeated until the result is n
// bytes long (or one unit longer).
func fill(prefix, unit string, n int) []byte {
	var b strings.Builder
	b.WriteString(prefix)
	for b.Len() < n {
		b.WriteString(unit)
	}
	return []byte(b.String())
}

// b64fill is prefix followed by the base64 of unit repeated to about n
// bytes of encoded text.
func b64fill(prefix, head, unit string, n int) []byte {
	raw := fill(head, unit, (n-len(prefix))*3/4)
	return []byte(prefix + base64.StdEncoding.EncodeToString(raw))
}

// parseHeader returns a parse function for complexitytest that sends in as
// the only value of the named request header through h, answered into a
// writer that keeps nothing. It also sets the query, when given.
func parseHeader(h http.Handler, name string) func([]byte) {
	r := httptest.NewRequest("GET", "/", nil)
	w := &discardWriter{h: http.Header{}}
	return func(in []byte) {
		r.Header = http.Header{name: {string(in)}}
		clear(w.h)
		h.ServeHTTP(w, r)
	}
}

// complexityAuth is Authenticate with every built-in scheme over static
// verifiers, Bearer accepting query tokens too.
func complexityAuth() *auth.Authenticator {
	return auth.New(auth.Options{
		Renderer: errorsx.NewRenderer(errorsx.Options{Logger: slog.New(slog.DiscardHandler)}),
		Schemes: []auth.Scheme{
			auth.Basic(auth.BasicOptions{Realm: "c", Verify: auth.BasicCredentials(map[string]string{"alice": "correct horse"})}),
			auth.Bearer(auth.BearerOptions{Realm: "c", AllowQueryToken: true, Verify: auth.StaticTokens(map[string]auth.Identity{"t": {Subject: "bob"}})}),
			auth.APIKey(auth.APIKeyOptions{Realm: "c", Verify: auth.StaticKeys(map[string]string{"k": "carol"})}),
		},
	})
}

// TestComplexity_authorization proves the Authorization parsing of every
// built-in scheme costs linear work: adversarial values of n and 4n bytes
// (long tokens, many commas and auth-params, padding, whitespace, long or
// odd Basic credentials, unknown schemes) allocate at most
// complexitytest.DefaultMaxRatio times more at 4n.
func TestComplexity_authorization(t *testing.T) {
	h := complexityAuth().Authenticate(okHandler)
	shape := func(name string, gen func(n int) []byte) complexitytest.Shape {
		return complexitytest.Shape{Name: name, Gen: gen, N: complexityN}
	}
	complexitytest.Linear(t, parseHeader(h, "Authorization"),
		shape("bearer_long_token", func(n int) []byte { return fill("Bearer ", "abcdefghij", n) }),
		shape("bearer_many_commas", func(n int) []byte { return fill("Bearer ", "a,", n) }),
		shape("bearer_many_params", func(n int) []byte { return fill("Bearer ", `realm="x", `, n) }),
		shape("bearer_many_padding", func(n int) []byte { return fill("Bearer a", "=", n) }),
		shape("bearer_only_padding", func(n int) []byte { return fill("Bearer ", "=", n) }),
		shape("bearer_many_spaces", func(n int) []byte { return append(fill("Bearer", " ", n), 'x') }),
		shape("bearer_many_tabs", func(n int) []byte { return append(fill("Bearer ", "\t", n), 'x') }),
		shape("bearer_jwt_many_dots", func(n int) []byte { return fill("Bearer ", "eyJ.", n) }),
		shape("leading_whitespace", func(n int) []byte { return append(fill("", " ", n), "Bearer x"...) }),
		shape("basic_long_password", func(n int) []byte { return b64fill("Basic ", "alice:", "p", n) }),
		shape("basic_many_colons", func(n int) []byte { return b64fill("Basic ", "a", ":", n) }),
		shape("basic_control_characters", func(n int) []byte { return b64fill("Basic ", "a:", "\x01", n) }),
		shape("basic_invalid_utf8", func(n int) []byte { return b64fill("Basic ", "a:", "\xff", n) }),
		shape("basic_multibyte_utf8", func(n int) []byte { return b64fill("Basic ", "a:", "é", n) }),
		shape("basic_many_padding", func(n int) []byte { return fill("Basic YQ", "=", n) }),
		shape("basic_not_base64", func(n int) []byte { return fill("Basic ", "!", n) }),
		shape("unknown_scheme_many_params", func(n int) []byte { return fill("Digest ", `a="b", `, n) }),
		shape("scheme_only_long", func(n int) []byte { return fill("", "X", n) }),
	)
}

// TestComplexity_apiKey does the same for the API key header.
func TestComplexity_apiKey(t *testing.T) {
	h := complexityAuth().Authenticate(okHandler)
	shape := func(name string, gen func(n int) []byte) complexitytest.Shape {
		return complexitytest.Shape{Name: name, Gen: gen, N: complexityN}
	}
	complexitytest.Linear(t, parseHeader(h, "X-Api-Key"),
		shape("long_key", func(n int) []byte { return fill("", "k", n) }),
		shape("surrounding_spaces", func(n int) []byte { return append(append(fill("", " ", n/2), 'k'), fill("", " ", n/2)...) }),
		shape("non_ascii", func(n int) []byte { return fill("k", "é", n) }),
		shape("control_at_end", func(n int) []byte { return append(fill("", "k", n), 0x7f) }),
	)
}

// TestComplexity_queryToken does the same for a Bearer token looked for in
// the query (AllowQueryToken): many parameters, many access_token
// parameters, long and percent-encoded names.
func TestComplexity_queryToken(t *testing.T) {
	h := complexityAuth().Authenticate(okHandler)
	r := httptest.NewRequest("GET", "/", nil)
	w := &discardWriter{h: http.Header{}}
	parse := func(in []byte) {
		r.URL.RawQuery = string(in)
		clear(w.h)
		h.ServeHTTP(w, r)
	}
	shape := func(name string, gen func(n int) []byte) complexitytest.Shape {
		return complexitytest.Shape{Name: name, Gen: gen, N: 4096}
	}
	complexitytest.Linear(t, parse,
		shape("many_params", func(n int) []byte { return fill("access_token=t", "&a=1", n) }),
		shape("many_access_tokens", func(n int) []byte { return fill("", "access_token=t&", n) }),
		shape("percent_encoded", func(n int) []byte { return fill("access%5Ftoken=", "%41", n) }),
		shape("many_separators", func(n int) []byte { return fill("access_token=t", "&", n) }),
	)
}
