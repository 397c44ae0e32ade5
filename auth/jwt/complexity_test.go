package jwt_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	gojwt "github.com/golang-jwt/jwt/v5"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/auth/jwt"
	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/complexitytest"
)

// jwtCap is the size of the largest token that reaches a Verifier through
// auth.Bearer: the Authorization value is at most MaxCredentialsLength.
const jwtCap = auth.MaxCredentialsLength - len("Bearer ")

// seg is the base64url (unpadded) encoding of a JOSE segment.
func seg(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// jsonFill is open + unit repeated + close, with about n bytes of JSON.
func jsonFill(open, unit, close string, n int) string {
	var b strings.Builder
	b.WriteString(open)
	for b.Len()+len(close) < n {
		b.WriteString(unit)
	}
	b.WriteString(close)
	return b.String()
}

// nested is n bytes of JSON nesting open…close around a core.
func nested(open, core, close string, n int) string {
	d := max((n-len(core))/(len(open)+len(close)), 1)
	return strings.Repeat(open, d) + core + strings.Repeat(close, d)
}

// worstShape is the shape of jwtShapes that allocates the most per byte
// (BenchmarkVerifyWorstShape measures it).
const worstShape = "deep_claims_objects"

const validHeader = `{"alg":"HS256","typ":"JWT"}`

// unsigned builds header.claims.signature with a junk signature, so the
// token is fully decoded and then rejected.
func unsigned(header, claims string) []byte {
	return []byte(seg(header) + "." + seg(claims) + "." + seg("not-a-signature"))
}

// signed returns an HS256 token over claims built by fill for about n bytes
// of token, correctly signed, so the success path (identity, scopes, roles)
// runs too.
func signed(t testing.TB, fill func(gojwt.MapClaims, int)) func(int) []byte {
	return func(n int) []byte {
		c := claims()
		fill(c, n*3/4-200)
		return []byte(sign(t, gojwt.SigningMethodHS256, hmacKey, c))
	}
}

func jwtShapes(t testing.TB, n int) []complexitytest.Shape {
	claimsJSON, _ := json.Marshal(claims())
	c := string(claimsJSON)
	shape := func(name string, gen func(int) []byte) complexitytest.Shape {
		return complexitytest.Shape{Name: name, Gen: gen, N: n}
	}
	return []complexitytest.Shape{
		shape("deep_header_arrays", func(n int) []byte {
			return unsigned(`{"alg":"HS256","x":`+nested("[", "1", "]", n*3/4)+`}`, c)
		}),
		shape("deep_header_objects", func(n int) []byte {
			return unsigned(`{"alg":"HS256","x":`+nested(`{"a":`, "1", "}", n*3/4)+`}`, c)
		}),
		shape("deep_claims_arrays", func(n int) []byte {
			return unsigned(validHeader, `{"sub":"a","x":`+nested("[", "1", "]", n*3/4)+`}`)
		}),
		shape("deep_claims_objects", func(n int) []byte {
			return unsigned(validHeader, `{"sub":"a","x":`+nested(`{"a":`, "1", "}", n*3/4)+`}`)
		}),
		shape("many_claims", func(n int) []byte {
			var b strings.Builder
			b.WriteString(`{"sub":"a"`)
			for i := 0; b.Len() < n*3/4; i++ {
				b.WriteString(`,"c` + strconv.Itoa(i) + `":0`)
			}
			return unsigned(validHeader, b.String()+"}")
		}),
		shape("duplicate_claims", func(n int) []byte { return unsigned(validHeader, jsonFill(`{"sub":"a"`, `,"a":[1]`, "}", n*3/4)) }),
		shape("many_escapes", func(n int) []byte { return unsigned(validHeader, jsonFill(`{"sub":"`, `\u00e9`, `"}`, n*3/4)) }),
		shape("many_header_params", func(n int) []byte { return unsigned(jsonFill(`{"alg":"HS256"`, `,"x":"y"`, "}", n*3/4), c) }),
		shape("crit_many_entries", func(n int) []byte { return unsigned(jsonFill(`{"alg":"HS256","crit":["x"`, `,"x"`, "]}", n*3/4), c) }),
		shape("many_segments", func(n int) []byte { return []byte(jsonFill("eyJ", ".e", "", n)) }),
		shape("long_signature", func(n int) []byte { return []byte(seg(validHeader) + "." + seg(c) + "." + jsonFill("", "A", "", n)) }),
		shape("padding", func(n int) []byte { return []byte(seg(validHeader) + jsonFill("", "=", "", n) + "." + seg(c) + ".AA") }),
		shape("not_base64", func(n int) []byte {
			return []byte(jsonFill("", "!", "", n/2) + "." + jsonFill("", "!", "", n/2) + ".A")
		}),
		shape("signed_many_scopes", signed(t, func(c gojwt.MapClaims, j int) { c["scope"] = jsonFill("", "s ", "", j) })),
		shape("signed_many_scp", signed(t, func(c gojwt.MapClaims, j int) {
			delete(c, "scope")
			c["scp"] = strings.Split(jsonFill("", "s,", "", j/2), ",")
		})),
		shape("signed_many_roles", signed(t, func(c gojwt.MapClaims, j int) { c["roles"] = strings.Split(jsonFill("", "r,", "", j/2), ",") })),
	}
}

// TestComplexity_verify proves Verify costs linear work: adversarial tokens
// of n and 4n bytes (deep JSON in the header or the claims, many members,
// duplicates, escapes, crit entries, segments, padding, signed tokens with
// huge scope and role lists) allocate at most
// complexitytest.DefaultMaxRatio times more at 4n. 4n is the largest token
// auth.Bearer passes on.
func TestComplexity_verify(t *testing.T) {
	v := newVerifier(t, hmacKey)
	complexitytest.Linear(t, func(in []byte) { _, _ = v.Verify(context.Background(), string(in)) }, jwtShapes(t, jwtCap/4)...)
}

// TestComplexity_bearerJWT sends the same shapes through auth.Bearer in the
// Authorization header, as a client would.
func TestComplexity_bearerJWT(t *testing.T) {
	v := newVerifier(t, hmacKey)
	a := auth.New(auth.Options{
		Schemes:  []auth.Scheme{auth.Bearer(auth.BearerOptions{Realm: "c", Verify: v.Verify})},
		Renderer: errorsx.NewRenderer(errorsx.Options{Logger: slog.New(slog.DiscardHandler)}),
	})
	h := a.Authenticate(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	r := httptest.NewRequest("GET", "/", nil)
	w := httptest.NewRecorder()
	parse := func(in []byte) {
		r.Header = http.Header{"Authorization": {"Bearer " + string(in)}}
		w.Body.Reset()
		clear(w.Header())
		h.ServeHTTP(w, r)
	}
	complexitytest.Linear(t, parse, jwtShapes(t, jwtCap/4-64)...)
}

// BenchmarkVerifyWorstShape reports Verify of the costliest shape at the
// size cap next to json.Unmarshal of the same claims, the floor any JWT
// library pays.
func BenchmarkVerifyWorstShape(b *testing.B) {
	v, _ := jwt.New(jwt.Options{Key: hmacKey, Now: func() time.Time { return now }})
	for _, s := range jwtShapes(b, jwtCap/4) {
		if s.Name != worstShape {
			continue
		}
		token := s.Gen(4 * s.N)
		parts := strings.Split(string(token), ".")
		payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
		b.Run("Verify", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = v.Verify(context.Background(), string(token))
			}
		})
		b.Run("json.Unmarshal", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var m map[string]any
				_ = json.Unmarshal(payload, &m)
			}
		})
	}
}
