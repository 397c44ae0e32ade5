package validate_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/internal/complexitytest"
	"github.com/fourxx/fourxx/middleware/validate"
)

// The adversarial shapes of request bodies: each grows linearly with n, and
// decoding it must cost linear work (DESIGN.md rule 9), which
// complexitytest.Linear checks by counting bytes at n and 4n.

// Any is a struct that every member of the shapes below is unknown to.
type Any struct{}

// Kid is a recursive type: an unknown member can sit at every level.
type Kid struct {
	Kid *Kid `json:"kid"`
}

// Tree is a recursive type with a rule that can fail at every level.
type Tree struct {
	Name string  `json:"name" validate:"max=3"`
	Kids []*Tree `json:"kids" validate:"dive"`
}

// Role is the target of case-variant duplicate members.
type Role struct {
	Role string `json:"role"`
}

func repeat(s string, n int) string { return strings.Repeat(s, n) }

// bodyShapes are the adversarial bodies, with the type each is decoded into.
var bodyShapes = []struct {
	name     string
	gen      func(n int) string
	decode   func(*validate.Validator, *http.Request) error
	baseline func([]byte) // what encoding/json does of the decoding, for jsonOwnCost shapes
}{
	{"nested duplicates", func(n int) string { return repeat(`{"a":1,"a":`, n) + "1" + repeat("}", n) }, decodeInto[Any], nil},
	{"nested duplicates into any", func(n int) string { return repeat(`{"a":1,"a":`, n) + "1" + repeat("}", n) }, decodeInto[any], nil},
	{"unknown member at every level", func(n int) string { return repeat(`{"x":1,"kid":`, n) + "null" + repeat("}", n) }, decodeInto[Kid], jsonDecode[Kid]},
	{"nested unknown members", func(n int) string { return repeat(`{"a":`, n) + "1" + repeat("}", n) }, decodeInto[Kid], nil},
	{"type error at every level", func(n int) string { return repeat(`{"name":1,"kids":[`, n) + "null" + repeat("]}", n) }, decodeInto[Tree], jsonDecode[Tree]},
	{"deep arrays", func(n int) string { return repeat("[", n) + repeat("]", n) }, decodeInto[Any], nil},
	{"many duplicates", func(n int) string { return "{" + repeat(`"a":1,`, n) + `"a":1}` }, decodeInto[Any], nil},
	{"many case-variant duplicates", func(n int) string { return `{"role":"r"` + repeat(`,"ROLE":"w","Role":"x"`, n) + "}" }, decodeInto[Role], nil},
	{"many unknown members", func(n int) string { return "{" + repeat(`"x":1,`, n) + `"y":1}` }, decodeInto[Kid], nil},
	{"many distinct unknown members", func(n int) string { return manyMembers(n, false) }, decodeInto[Kid], nil},
	{"many errors", func(n int) string { return manyBadItems(n) }, decodeInto[Order], nil},
	{"long names", func(n int) string { return `{"` + repeat("k", 16*n) + `":1,"` + repeat("k", 16*n) + `":2}` }, decodeInto[Any], nil},
	{"many escapes", func(n int) string { return `{"` + repeat(`\u0061`, n) + `":1,"` + repeat("a", n) + `":2}` }, decodeInto[Any], nil},
	{"many escapes in values", func(n int) string { return `{"role":"` + repeat(`\n\u00e9`, n) + `"}` }, decodeInto[Role], nil},
	{"long array of wrong types", func(n int) string { return "[" + repeat(`"x",`, n) + `"x"]` }, decodeInto[[]int], nil},
	{"syntax error at the end of deep nesting", func(n int) string { return repeat(`{"a":[`, n) + "tru" }, decodeInto[any], nil},
}

func decodeInto[T any](v *validate.Validator, r *http.Request) error {
	_, err := validate.DecodeWith[T](v, r)
	return err
}

// TestDecodeIsLinear is the regression test for super-linear work on
// hostile bodies (nested duplicate members rebuilt every pointer from the
// root; an unknown member at every level of a recursive type did too). It
// accepts the deepest nesting encoding/json decodes, so that the nested
// shapes are decoded rather than refused at the default MaxDepth.
func TestDecodeIsLinear(t *testing.T) {
	v := validate.New(validate.Options{MaxBytes: 64 << 20, MaxDepth: validate.MaxDepthLimit})
	for _, s := range bodyShapes {
		decode := func(body []byte) {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(body)))
			r.Header.Set("Content-Type", "application/json")
			_ = s.decode(v, r)
		}
		if jsonOwnCost[s.name] {
			t.Run(s.name, func(t *testing.T) {
				linearOver(t, decode, s.baseline, func(n int) []byte { return []byte(s.gen(n)) }, 1000)
			})
			continue
		}
		complexitytest.Linear(t, decode, complexitytest.Shape{Name: s.name, N: 1000, Gen: func(n int) []byte { return []byte(s.gen(n)) }})
	}
}

// linearOver fails when what whole allocates beyond what baseline (the work
// of a library it calls) allocates grows more than
// complexitytest.DefaultMaxRatio times from n to 4n.
func linearOver(t *testing.T, whole, baseline func([]byte), gen func(int) []byte, n int) {
	t.Helper()
	var own [2]uint64
	for i, size := range []int{n, 4 * n} {
		in := gen(size)
		all, lib := complexitytest.Bytes(whole, in), complexitytest.Bytes(baseline, in)
		own[i] = all - min(lib, all)
		t.Logf("n=%d (%d B in): %d B allocated, of which the library's %d B, this package's %d B", size, len(in), all, lib, own[i])
	}
	if ratio := float64(own[1]) / float64(max(own[0], 1)); ratio > complexitytest.DefaultMaxRatio {
		t.Errorf("4× the input cost this package %.2f× the bytes (%d → %d B): super-linear work", ratio, own[0], own[1])
	}
}

// jsonDecode is what Decode asks of encoding/json for a T: a strict decode,
// and a lenient one after an error that is not a type error.
func jsonDecode[T any](body []byte) {
	var out T
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	err := dec.Decode(&out)
	var typeErr *json.UnmarshalTypeError
	if err != nil && !errors.As(err, &typeErr) {
		_ = json.Unmarshal(body, &out)
	}
}

// ruleFailureAtEveryLevel is a Tree nested n levels deep whose every level
// fails a rule (name is longer than 3 characters).
func ruleFailureAtEveryLevel(n int, name string) string {
	return repeat(`{"name":"`+name+`","kids":[`, n) + "null" + repeat("]}", n)
}

// A rule failing at every level of a recursive type costs
// github.com/go-playground/validator/v10 itself time and memory in depth ×
// errors: each of its errors holds its namespace as a string
// ("Tree.kids[0].kids[0]…"). With MaxDepth raised to the most encoding/json
// decodes, what this package adds to the validator's work must still be
// linear.
func TestDecodeOverValidatorIsLinear(t *testing.T) {
	v := validate.New(validate.Options{MaxBytes: 64 << 20, MaxDepth: validate.MaxDepthLimit})
	linearOver(t, func(body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		_ = decodeInto[Tree](v, r)
	}, func(body []byte) {
		var tree Tree
		jsonDecode[Tree](body)
		_ = json.Unmarshal(body, &tree)
		_ = v.Engine().Struct(&tree)
	}, func(n int) []byte { return []byte(ruleFailureAtEveryLevel(n, "long")) }, 500)
}

// treesAtTheDepthLimit is a Tree holding n chains, each nested as deep as
// the default MaxDepth allows (a Tree level is two levels of JSON: the
// object and its kids array), with a rule failing at every level.
func treesAtTheDepthLimit(n int) string {
	const levels = (validate.DefaultMaxDepth - 2) / 2
	chain := ruleFailureAtEveryLevel(levels, "long")
	return `{"name":"long","kids":[` + repeat(chain+",", n-1) + chain + "]}"
}

// With the default MaxDepth, the whole decoding of a body — the
// validator's work included — is linear in the body's size: each failure's
// path has at most MaxDepth steps, so the validator's errors hold at most
// the body's size times MaxDepth. The nesting at n and 4n is past the
// default limit and within what encoding/json decodes (with MaxDepth at
// MaxDepthLimit, the first shape costs 18 MB at n and 222 MB at 4n), and
// each body is several times a pooled buffer, so that the pool does not
// make the small case nearly free.
func TestDecodeEndToEndIsLinear(t *testing.T) {
	v := validate.New(validate.Options{MaxBytes: 64 << 20})
	complexitytest.Linear(t, func(body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		_ = decodeInto[Tree](v, r)
	},
		complexitytest.Shape{Name: "rule failure at every level, nested past the limit", N: 1200,
			Gen: func(n int) []byte { return []byte(ruleFailureAtEveryLevel(n, repeat("long", 50))) }},
		complexitytest.Shape{Name: "rule failure at every level of many trees at the limit", N: 100,
			Gen: func(n int) []byte { return []byte(treesAtTheDepthLimit(n)) }},
	)
	complexitytest.Linear(t, func(body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		_ = decodeInto[Forest](v, r)
	},
		complexitytest.Shape{Name: "long map key over many rule failures", N: 2500,
			Gen: func(n int) []byte { return []byte(longKeyOverFailures(16*n, n)) }},
		complexitytest.Shape{Name: "map key at the path limit over many rule failures", N: 4500,
			Gen: func(n int) []byte {
				return []byte(longKeyOverFailures(validate.DefaultMaxDepth*16-len("trees"+"kids"+"name"), n))
			}},
	)
}

// longKeyOverFailures is a Forest with one Tree, named by a key of keyLen
// bytes, that has n kids failing a rule. Each validator error holds the key
// in its namespace: without MaxPathBytes, 16 KB keys over 1000 failures cost
// 35 MB, and 4 times both 533 MB.
func longKeyOverFailures(keyLen, n int) string {
	return `{"trees":{"` + repeat("k", keyLen) + `":{"name":"long","kids":[` + repeat(`{"name":"long"},`, n) + `{"name":"long"}]}}}`
}

// The adversarial shapes of query strings and header fields.
var queryShapes = []struct {
	name string
	gen  func(n int) string
}{
	{"many parameters", func(n int) string { return repeat("limit=1&", n) }},
	{"many unknown parameters", func(n int) string { return manyParams(n, "p%d=1&") }},
	{"many type errors", func(n int) string { return repeat("id=x&", n) }},
	{"many malformed names", func(n int) string { return manyParams(n, "x%d[=1&") }},
	{"long name", func(n int) string { return repeat("a", 16*n) + "=1" }},
	{"long value", func(n int) string { return "sort=" + repeat("a", 16*n) }},
	{"many escapes", func(n int) string { return "sort=" + repeat("%41", n) }},
	{"many list members", func(n int) string { return manyParams(n, "id[%d]=1&") }},
	{"many failing list members", func(n int) string { return manyParams(n, "id[%d]=x&") }},
	{"deep brackets", func(n int) string { return "filter" + repeat("[a]", n) + "=1" }},
	{"many bracket prefixes", func(n int) string { return manyParams(n, "filter[a%d][x]=1&") }},
}

func manyParams(n int, format string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

func TestQueryIsLinear(t *testing.T) {
	for _, s := range queryShapes {
		complexitytest.Linear(t, func(q []byte) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.URL.RawQuery = string(q)
			_, _ = validate.Query[ListParams](r)
		}, complexitytest.Shape{Name: s.name, N: 500, Gen: func(n int) []byte { return []byte(s.gen(n)) }})
	}
}

func TestHeaderIsLinear(t *testing.T) {
	for _, s := range []struct {
		name string
		gen  func(n int) http.Header
	}{
		{"many lines of a list field", func(n int) http.Header {
			return http.Header{"Prefer": strings.Split(repeat("bad,", n)+"bad", ","), "X-Request-Id": {"x"}}
		}},
		{"many unknown fields", func(n int) http.Header {
			h := http.Header{}
			for i := range n {
				h.Set(fmt.Sprintf("X-F%d", i), "1")
			}
			return h
		}},
		{"many malformed names", func(n int) http.Header {
			h := http.Header{}
			for i := range n {
				h[fmt.Sprintf("X-F%d[", i)] = []string{"1"}
			}
			return h
		}},
		{"long value", func(n int) http.Header { return http.Header{"X-Request-Id": {repeat("a", 16*n)}} }},
	} {
		headers := map[int]http.Header{}
		complexitytest.Linear(t, func(key []byte) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.Header = headers[len(key)]
			_, _ = validate.Header[APIHeaders](r)
		}, complexitytest.Shape{Name: s.name, N: 500, Gen: func(n int) []byte {
			headers[n] = s.gen(n)
			return make([]byte, n) // the length names the headers made for n
		}})
	}
}

// The form decoder's work grows with the square of the distinct prefixes of
// bracketed names; past maxBracketPrefixes the extra names are refused.
func TestManyBracketPrefixes(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.URL.RawQuery = manyParams(5000, "filter[a%d][x]=1&")
	_, err := validate.Query[ListParams](r)
	p := asProblem(err)
	if p.Status != http.StatusBadRequest || len(p.Errors) == 0 || p.Errors[0].Code != "syntax" {
		t.Fatalf("got %v, want 400 with syntax entries", err)
	}
	if !strings.Contains(p.Detail, "4902 invalid values") { // 4901 names over the bound, and limit
		t.Errorf("detail %q: want the 4901 names over the bound counted", p.Detail)
	}
}
