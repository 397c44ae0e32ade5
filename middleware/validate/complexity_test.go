package validate_test

import (
	"encoding/json"
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
	name   string
	gen    func(n int) string
	decode func(*validate.Validator, *http.Request) error
}{
	{"nested duplicates", func(n int) string { return repeat(`{"a":1,"a":`, n) + "1" + repeat("}", n) }, decodeInto[Any]},
	{"nested duplicates into any", func(n int) string { return repeat(`{"a":1,"a":`, n) + "1" + repeat("}", n) }, decodeInto[any]},
	{"unknown member at every level", func(n int) string { return repeat(`{"x":1,"kid":`, n) + "null" + repeat("}", n) }, decodeInto[Kid]},
	{"nested unknown members", func(n int) string { return repeat(`{"a":`, n) + "1" + repeat("}", n) }, decodeInto[Kid]},
	{"type error at every level", func(n int) string { return repeat(`{"name":1,"kids":[`, n) + "null" + repeat("]}", n) }, decodeInto[Tree]},
	{"deep arrays", func(n int) string { return repeat("[", n) + repeat("]", n) }, decodeInto[Any]},
	{"many duplicates", func(n int) string { return "{" + repeat(`"a":1,`, n) + `"a":1}` }, decodeInto[Any]},
	{"many case-variant duplicates", func(n int) string { return `{"role":"r"` + repeat(`,"ROLE":"w","Role":"x"`, n) + "}" }, decodeInto[Role]},
	{"many unknown members", func(n int) string { return "{" + repeat(`"x":1,`, n) + `"y":1}` }, decodeInto[Kid]},
	{"many distinct unknown members", func(n int) string { return manyMembers(n, false) }, decodeInto[Kid]},
	{"many errors", func(n int) string { return manyBadItems(n) }, decodeInto[Order]},
	{"long names", func(n int) string { return `{"` + repeat("k", 16*n) + `":1,"` + repeat("k", 16*n) + `":2}` }, decodeInto[Any]},
	{"many escapes", func(n int) string { return `{"` + repeat(`\u0061`, n) + `":1,"` + repeat("a", n) + `":2}` }, decodeInto[Any]},
	{"many escapes in values", func(n int) string { return `{"role":"` + repeat(`\n\u00e9`, n) + `"}` }, decodeInto[Role]},
	{"long array of wrong types", func(n int) string { return "[" + repeat(`"x",`, n) + `"x"]` }, decodeInto[[]int]},
	{"syntax error at the end of deep nesting", func(n int) string { return repeat(`{"a":[`, n) + "tru" }, decodeInto[any]},
}

func decodeInto[T any](v *validate.Validator, r *http.Request) error {
	_, err := validate.DecodeWith[T](v, r)
	return err
}

// TestDecodeIsLinear is the regression test for super-linear work on
// hostile bodies (nested duplicate members rebuilt every pointer from the
// root; an unknown member at every level of a recursive type did too).
func TestDecodeIsLinear(t *testing.T) {
	v := validate.New(validate.Options{MaxBytes: 64 << 20})
	for _, s := range bodyShapes {
		complexitytest.Linear(t, func(body []byte) {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(body)))
			r.Header.Set("Content-Type", "application/json")
			_ = s.decode(v, r)
		}, complexitytest.Shape{Name: s.name, N: 1000, Gen: func(n int) []byte { return []byte(s.gen(n)) }})
	}
}

// ruleFailureAtEveryLevel is a body whose every level fails a rule.
func ruleFailureAtEveryLevel(n int) string {
	return repeat(`{"name":"long","kids":[`, n) + "null" + repeat("]}", n)
}

// A rule failing at every level of a recursive type costs
// github.com/go-playground/validator/v10 itself time and memory in depth ×
// errors: each of its errors holds its namespace as a string
// ("Tree.kids[0].kids[0]…"). What this package adds to the validator's work
// must still be linear.
func TestDecodeOverValidatorIsLinear(t *testing.T) {
	v := validate.New(validate.Options{MaxBytes: 64 << 20})
	whole := func(body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		_ = decodeInto[Tree](v, r)
	}
	validatorOnly := func(body []byte) {
		var tree Tree
		_ = json.Unmarshal(body, &tree)
		_ = v.Engine().Struct(&tree)
	}
	var own [2]uint64
	for i, n := range []int{500, 2000} {
		body := []byte(ruleFailureAtEveryLevel(n))
		all, lib := complexitytest.Bytes(whole, body), complexitytest.Bytes(validatorOnly, body)
		own[i] = all - min(lib, all)
		t.Logf("n=%d (%d B in): %d B allocated, of which json.Unmarshal + validator %d B, this package %d B", n, len(body), all, lib, own[i])
	}
	if ratio := float64(own[1]) / float64(own[0]); ratio > complexitytest.DefaultMaxRatio {
		t.Errorf("4× the input cost this package %.2f× the bytes (%d → %d B): super-linear work", ratio, own[0], own[1])
	}
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
