package validate_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/middleware/validate"
)

// Members that encoding/json maps to one field are duplicates, whatever
// their letter case: a proxy in front that compares names exactly must not
// see a different document than the handler.
func TestCaseVariantDuplicates(t *testing.T) {
	type Twins struct {
		Role string `json:"role"`
		ROLE string `json:"ROLE"`
	}
	for _, tc := range []struct {
		name     string
		decode   func(string) (int, []string)
		body     string
		pointers []string // want; nil means accepted
	}{
		{"case variant", decodeAs[Role], `{"role":"reader","ROLE":"writer"}`, []string{"#/ROLE"}},
		{"exact duplicate", decodeAs[Role], `{"role":"reader","role":"writer"}`, []string{"#/role"}},
		{"exact duplicate after an array", decodeAs[map[string]any], `{"a":[{"b":1}],"a":2}`, []string{"#/a"}},
		{"variant then exact", decodeAs[Role], `{"role":"r","ROLE":"w","ROLE":"x"}`, []string{"#/ROLE", "#/ROLE"}},
		{"three spellings", decodeAs[Role], `{"Role":"r","rOLE":"w","ROLE":"x"}`, []string{"#/rOLE", "#/ROLE"}},
		{"Kelvin sign folds to k", decodeAs[struct {
			K string `json:"k"`
		}], `{"k":"a","\u212a":"b"}`, []string{"#/%E2%84%AA"}},
		{"nested", decodeAs[struct {
			Who Role `json:"who"`
		}], `{"who":{"role":"reader","Role":"writer"}}`, []string{"#/who/Role"}},
		{"two fields spelled alike", decodeAs[Twins], `{"role":"a","ROLE":"b"}`, nil},
		{"map keys keep their case", decodeAs[map[string]string], `{"role":"a","ROLE":"b"}`, nil},
		{"any keeps its case", decodeAs[any], `{"role":"a","ROLE":"b"}`, nil},
		{"one spelling", decodeAs[Role], `{"ROLE":"writer"}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, pointers := tc.decode(tc.body)
			if tc.pointers == nil {
				if status != 0 {
					t.Fatalf("status %d %q, want accepted", status, pointers)
				}
				return
			}
			if status != http.StatusUnprocessableEntity || strings.Join(pointers, " ") != strings.Join(tc.pointers, " ") {
				t.Fatalf("status %d pointers %q, want 422 %q", status, pointers, tc.pointers)
			}
		})
	}
	p := decodeDirect[Role](t, nil, `{"role":"reader","ROLE":"writer"}`)
	if p == nil || p.Errors[0].Code != "duplicate" {
		t.Fatalf("got %v, want code duplicate", p)
	}
}

// A *errorsx.Problem in the chain of the body's read error is passed on as
// it is: a 413 with Retry-After keeps its Retry-After.
func TestProblemFromBodyIsPassedOn(t *testing.T) {
	limit := errorsx.ContentTooLarge(16).WithHeader("Retry-After", "30").WithCause(&http.MaxBytesError{Limit: 16})
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"problem", limit},
		{"wrapped problem", &wrapped{limit}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", io.MultiReader(strings.NewReader(`{"a":`), errReader{tc.err}))
			r.Header.Set("Content-Type", "application/json")
			_, err := validate.Decode[map[string]int](r)
			var p *errorsx.Problem
			if !errors.As(err, &p) || p != limit {
				t.Fatalf("error %v, want the body's problem itself", err)
			}
			rec := httptest.NewRecorder()
			strict.Write(rec, r, err)
			if rec.Code != http.StatusRequestEntityTooLarge || rec.Header().Get("Retry-After") != "30" {
				t.Errorf("rendered %d Retry-After %q, want 413 with 30", rec.Code, rec.Header().Get("Retry-After"))
			}
		})
	}
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

type wrapped struct{ err error }

func (w *wrapped) Error() string { return "reading: " + w.err.Error() }
func (w *wrapped) Unwrap() error { return w.err }

// Bad options are programmer errors: New panics with "validate: <Field>:
// <why>", and Options.Validate returns the same error for options read at
// run time.
func TestNewRefusesBadOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts validate.Options
		want string // "" means accepted
	}{
		{"zero", validate.Options{}, ""},
		{"400", validate.Options{Status: 400}, ""},
		{"negative MaxBytes", validate.Options{MaxBytes: -1}, "validate: MaxBytes: "},
		{"negative MaxDepth", validate.Options{MaxDepth: -1}, "validate: MaxDepth: "},
		{"MaxDepth at the limit", validate.Options{MaxDepth: validate.MaxDepthLimit}, ""},
		{"MaxDepth over the limit", validate.Options{MaxDepth: validate.MaxDepthLimit + 1}, "validate: MaxDepth: "},
		{"negative MaxPathBytes", validate.Options{MaxPathBytes: -1}, "validate: MaxPathBytes: "},
		{"2xx status", validate.Options{Status: 200}, "validate: Status: "},
		{"5xx status", validate.Options{Status: 500}, "validate: Status: "},
		{"unknown 4xx", validate.Options{Status: 499}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.opts.Validate()
			if (err == nil) != (tc.want == "") || (err != nil && !strings.HasPrefix(err.Error(), tc.want)) {
				t.Fatalf("Validate() = %v, want prefix %q", err, tc.want)
			}
			defer func() {
				got := recover()
				if (got == nil) != (tc.want == "") || (got != nil && !strings.HasPrefix(got.(string), tc.want)) {
					t.Fatalf("New panicked with %v, want prefix %q", got, tc.want)
				}
			}()
			validate.New(tc.opts)
		})
	}
}

// A failed rule says whether a map member's name or its value failed, and
// "required" explains that it counts 0 and false as missing.
func TestMessagesSayWhatFailed(t *testing.T) {
	type Meta struct {
		Meta  map[string]string `json:"meta" validate:"dive,keys,max=4,endkeys,max=3"`
		Count int               `json:"count" validate:"required"`
		On    bool              `json:"on" validate:"required"`
	}
	for _, tc := range []struct {
		name, body string
		want       []string // "pointer code detail"
	}{
		{"long name", `{"meta":{"toolong":"ok"},"count":1,"on":true}`,
			[]string{"#/meta/toolong max has a name that must be at most 4 characters long"}},
		{"long value", `{"meta":{"k":"toolong"},"count":1,"on":true}`,
			[]string{"#/meta/k max must be at most 3 characters long"}},
		{"both", `{"meta":{"toolong":"toolonger"},"count":1,"on":true}`,
			[]string{"#/meta/toolong max has a name that must be at most 4 characters long", "#/meta/toolong max must be at most 3 characters long"}},
		{"zero sent", `{"count":0,"on":false}`, []string{
			"#/count required must not be 0: the rule required counts 0 as missing (to accept 0, the field must be a pointer, or use omitempty instead of required)",
			"#/on required must not be false: the rule required counts false as missing (to accept false, the field must be a pointer, or use omitempty instead of required)"}},
		{"missing", `{}`, []string{"#/count required is required", "#/on required is required"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := decodeDirect[Meta](t, nil, tc.body)
			var got []string
			for _, fe := range p.Errors {
				got = append(got, fe.Pointer+" "+fe.Code+" "+fe.Detail)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// As for bodies, "required" on a query parameter or header field sent as 0
// or false explains that the rule counts it as missing; one not sent, or
// sent empty, is required.
func TestRequiredZeroParameters(t *testing.T) {
	type Params struct {
		Page  int     `query:"page" header:"X-Page" validate:"required"`
		Dry   bool    `query:"dry" header:"X-Dry" validate:"required"`
		Ratio float64 `query:"ratio" header:"X-Ratio" validate:"required"`
	}
	zero := func(name, zero string) string {
		return name + " required must not be " + zero + ": the rule required counts " + zero +
			" as missing (to accept " + zero + ", the field must be a pointer, or use omitempty instead of required)"
	}
	for _, tc := range []struct {
		name  string
		query string
		want  []string // "parameter code detail"
	}{
		{"zero sent", "page=0&dry=false&ratio=0.0", []string{zero("page", "0"), zero("dry", "false"), zero("ratio", "0")}},
		{"missing", "", []string{"page required is required", "dry required is required", "ratio required is required"}},
		{"sent empty", "page=&dry=&ratio=", []string{"page required is required", "dry required is required", "ratio required is required"}},
	} {
		t.Run("query/"+tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/?"+tc.query, nil)
			_, err := validate.Query[Params](r)
			var got []string
			for _, fe := range asProblem(err).Errors {
				got = append(got, fe.Parameter+" "+fe.Code+" "+fe.Detail)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
		t.Run("header/"+tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			q, _ := url.ParseQuery(tc.query)
			for name, values := range q {
				r.Header["X-"+strings.ToUpper(name[:1])+name[1:]] = values
			}
			_, err := validate.Header[Params](r)
			var got []string
			for _, fe := range asProblem(err).Errors {
				got = append(got, fe.Header+" "+fe.Code+" "+fe.Detail)
			}
			var want []string
			for _, w := range tc.want {
				want = append(want, "X-"+strings.ToUpper(w[:1])+w[1:])
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
