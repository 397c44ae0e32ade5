package validate_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/middleware/validate"
)

type ListParams struct {
	Limit  int    `query:"limit" validate:"min=1,max=100"`
	Sort   string `query:"sort" validate:"omitempty,oneof=name date"`
	IDs    []int  `query:"id" validate:"max=3"`
	Token  string `query:"token" validate:"omitempty,len=8" fourxx:"secret"`
	Filter struct {
		Status string `query:"status" validate:"omitempty,oneof=open closed"`
	} `query:"filter"`
}

func TestQuery(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  []string // "parameter code"
	}{
		{"limit=10&sort=name&id=1&id=2", nil},
		{"sort=size&limit=0", []string{"sort oneof", "limit min"}},
		{"limit=ten&id=1&id=x", []string{"limit type", "id type"}},
		{"id=1&id=2&id=3&id=4&limit=5", []string{"id max"}},
		{"filter.status=lost&limit=1", []string{"filter.status oneof"}},
		{"", []string{"limit min"}},
	} {
		r := httptest.NewRequest(http.MethodGet, "/?"+tc.query, nil)
		_, err := validate.Query[ListParams](r)
		var got []string
		if err != nil {
			p := asProblem(err)
			if p.Status != 400 {
				t.Errorf("%q: status %d, want 400", tc.query, p.Status)
			}
			for _, fe := range p.Errors {
				if fe.Pointer != "" || fe.Header != "" || fe.Detail == "" {
					t.Errorf("%q: entry %+v must name only a parameter, with a detail", tc.query, fe)
				}
				got = append(got, fe.Parameter+" "+fe.Code)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: errors %q, want %q", tc.query, got, tc.want)
		}
	}
}

func TestQueryDetails(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/?limit=ten&sort=x&token=short", nil)
	_, err := validate.QueryWith[ListParams](validate.New(validate.Options{EchoValues: true}), r)
	got := map[string]any{}
	for _, fe := range asProblem(err).Errors {
		got[fe.Parameter+" detail"] = fe.Detail
		got[fe.Parameter+" value"] = fe.Value
	}
	if got["limit detail"] != "must be an integer" || got["sort detail"] != "must be one of: name, date" {
		t.Errorf("details: %v", got)
	}
	if got["sort value"] != "x" || got["token value"] != nil || got["token detail"] == nil {
		t.Errorf("echo: %v (secret token must be reported but not echoed)", got)
	}
}

type APIHeaders struct {
	RequestID string   `header:"X-Request-Id" validate:"required,uuid"`
	Version   int      `header:"api-version" validate:"omitempty,min=2"`
	Prefer    []string `header:"Prefer" validate:"dive,oneof=return=minimal return=representation"`
}

func TestHeader(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("X-Request-Id", "7c9e6679-7425-40de-944b-e07fc1f90ae7")
	r.Header.Set("Api-Version", "3")
	r.Header.Add("Prefer", "return=minimal")
	h, err := validate.Header[APIHeaders](r)
	if err != nil || h.Version != 3 || h.Prefer[0] != "return=minimal" {
		t.Fatalf("valid headers: %+v, %v", h, err)
	}

	r = httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Api-Version", "one")
	r.Header.Add("Prefer", "return=everything")
	_, err = validate.Header[APIHeaders](r)
	var got []string
	for _, fe := range asProblem(err).Errors {
		got = append(got, fe.Header+" "+fe.Code)
	}
	want := []string{"X-Request-Id required", "Api-Version type", "Prefer oneof"}
	if asProblem(err).Status != 400 || !slices.Equal(got, want) {
		t.Errorf("errors %q (status %d), want %q", got, asProblem(err).Status, want)
	}
}

// A query string near Go's 10 000-parameter limit, every parameter failing,
// lists the first 100 failures in order (that ordering them costs linear
// work is TestQueryIsLinear's "many failing list members").
func TestQueryManyFailures(t *testing.T) {
	var b strings.Builder
	for i := range 9990 {
		fmt.Fprintf(&b, "id[%d]=x&", i)
	}
	r := httptest.NewRequest(http.MethodGet, "/?"+b.String(), nil)
	_, err := validate.Query[ListParams](r)
	p := asProblem(err)
	if p.Status != http.StatusBadRequest || len(p.Errors) != 100 || p.Errors[0].Parameter != "id[0]" || p.Errors[99].Parameter != "id[99]" {
		t.Fatalf("status %d, %d errors, first %+v", p.Status, len(p.Errors), p.Errors[:min(len(p.Errors), 1)])
	}
}

// Parameter names whose brackets do not match make the form decoder panic;
// they are answered with a 400 entry naming them, next to the other
// failures, never with a panic.
func TestMalformedParameterNames(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  []string // "parameter code"
	}{
		{"x[=1&limit=5", []string{"x[ syntax"}},
		{"limit=0&id[=1", []string{"limit min", "id[ syntax"}},
		{"filter]=1&limit=5", []string{"filter] syntax"}},
		{"limit=5&id[0]]=1", []string{"id[0]] syntax"}},
		{"[=1&limit=5", []string{"[ syntax"}},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.URL.RawQuery = tc.query
		var err error
		func() {
			defer func() {
				if e := recover(); e != nil {
					t.Errorf("%q: panic %v", tc.query, e)
				}
			}()
			_, err = validate.Query[ListParams](r)
		}()
		p := asProblem(err)
		var got []string
		for _, fe := range p.Errors {
			got = append(got, fe.Parameter+" "+fe.Code)
		}
		if p.Status != http.StatusBadRequest || !slices.Equal(got, tc.want) {
			t.Errorf("%q: status %d, errors %q; want 400 with %q", tc.query, p.Status, got, tc.want)
		}
	}

	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("X-Request-Id", "7c9e6679-7425-40de-944b-e07fc1f90ae7")
	r.Header["X-Trace["] = []string{"1"} // not a valid field name, but http.Header does not check
	var err error
	func() {
		defer func() {
			if e := recover(); e != nil {
				t.Errorf("header: panic %v", e)
			}
		}()
		_, err = validate.Header[APIHeaders](r)
	}()
	if p := asProblem(err); p.Status != http.StatusBadRequest || len(p.Errors) != 1 || p.Errors[0].Code != "syntax" {
		t.Errorf("header: %v, want 400 with one syntax entry", err)
	}
}
