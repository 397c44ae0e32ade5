package validate_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/internal/jsonpointer"
	"github.com/fourxx/fourxx/middleware/validate"
)

// maxProblemBytes is the fixed cap a problem stays within whatever the
// request: 100 entries of short sentences, and at most 16 KiB of locations
// (each at most 1 KiB), with values echoed.
const maxProblemBytes = 64 << 10

// Forest holds Trees by name, so that a rule fails below a map key.
type Forest struct {
	Trees map[string]Tree `json:"trees" validate:"dive"`
}

// members returns an object of n members made by member(i).
func members(n int, member func(i int) string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = member(i)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// A response must not grow with the request: a long member name on the
// path to many failures, or many failures with long names, would otherwise
// list the name in every entry (a 500 KB body was answered with 150 MB).
// Each listed pointer either resolves in the body, or is cut to an
// enclosing value and says so. MaxPathBytes is raised so that the long
// names are accepted.
func TestProblemSizeIsBounded(t *testing.T) {
	long := strings.Repeat("é", 125000) // 250 KB, 750 KB in fragment form
	v := validate.New(validate.Options{MaxBytes: 4 << 20, MaxPathBytes: 4 << 20, EchoValues: true})
	for _, tc := range []struct {
		name   string
		body   string
		decode func(*validate.Validator, *http.Request) error
		cut    bool // every entry's pointer is too long to list
	}{
		{"long name on the path to unknown members", `{"` + long + `":` + members(150, func(i int) string { return fmt.Sprintf(`"x%d":1`, i) }) + "}", decodeInto[map[string]Any], true},
		{"unknown members with long names", members(150, func(i int) string { return fmt.Sprintf(`"%s%d":1`, strings.Repeat("k", 1000), i) }), decodeInto[Any], false},
		{"unknown members with names too long to list", members(150, func(i int) string { return fmt.Sprintf(`"%s%d":1`, strings.Repeat("é", 2000), i) }), decodeInto[Any], true},
		{"long name on the path to duplicates", `{"` + long + `":{` + strings.Repeat(`"a":1,`, 150) + `"a":1}}`, decodeInto[map[string]any], true},
		{"long name on the path to type errors", `{"` + long + `":[` + strings.Repeat(`"\u0001\u0001\u0001\u0001\u0001\u0001\u0001\u0001",`, 150) + `"x"]}`, decodeInto[map[string][]int], true},
		{"long name on the path to rule failures", `{"trees":{"` + long + `":{"name":"` + strings.Repeat(`\u0001`, 200) + `","kids":[` +
			strings.Repeat(`{"name":"long"},`, 150) + `{"name":"long"}]}}}`, decodeInto[Forest], true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tc.body))
			r.Header.Set("Content-Type", "application/json")
			size, listed, total := renderedSize(t, tc.decode(v, r))
			t.Logf("body %d B: problem %d B, %d of %d entries listed", len(tc.body), size, listed, total)
			if size > maxProblemBytes {
				t.Errorf("a %d-byte body got a %d-byte problem, want at most %d", len(tc.body), size, maxProblemBytes)
			}
			r = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tc.body))
			r.Header.Set("Content-Type", "application/json")
			p := asProblem(tc.decode(v, r))
			if listed < total && !strings.Contains(p.Detail, fmt.Sprintf("; the first %d are listed in errors.", listed)) {
				t.Errorf("detail %q: want it to say that the first %d are listed", p.Detail, listed)
			}
			for _, fe := range p.Errors {
				_, err := jsonpointer.Resolve([]byte(tc.body), fe.Pointer)
				noted := strings.HasSuffix(fe.Detail, " (its pointer is longer than 1024 bytes; the one given names the innermost enclosing value)")
				if len(fe.Pointer) > 1024 || err != nil || noted != tc.cut {
					t.Fatalf("entry %.80q (%d bytes) %q: resolves: %v; want at most 1024 bytes that resolve, the cut noted: %v",
						fe.Pointer, len(fe.Pointer), fe.Detail, err, tc.cut)
				}
			}
		})
	}
}

// Query parameter and header names too long to list are cut short and end
// in "…"; the problem stays within the cap.
func TestParameterProblemSizeIsBounded(t *testing.T) {
	name := func(i int) string { return fmt.Sprintf("x%s%d[", strings.Repeat("é", 1500), i) }
	query := httptest.NewRequest(http.MethodGet, "/", nil)
	query.URL.RawQuery = strings.Join(func() []string {
		params := make([]string, 150)
		for i := range params {
			params[i] = name(i) + "=1"
		}
		return params
	}(), "&")
	headers := httptest.NewRequest(http.MethodGet, "/", nil)
	for i := range 150 {
		headers.Header[name(i)] = []string{"1"}
	}
	for _, tc := range []struct {
		name string
		err  func() error
		size int
	}{
		{"query", func() error { _, err := validate.Query[ListParams](query); return err }, len(query.URL.RawQuery)},
		{"header", func() error { _, err := validate.Header[APIHeaders](headers); return err }, 150 * len(name(0))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err()
			size, listed, total := renderedSize(t, err)
			t.Logf("%d B of names: problem %d B, %d of %d entries listed", tc.size, size, listed, total)
			if size > maxProblemBytes {
				t.Errorf("%d B of names got a %d-byte problem, want at most %d", tc.size, size, maxProblemBytes)
			}
			cut := 0
			for _, fe := range asProblem(err).Errors {
				where := fe.Parameter + fe.Header
				if len(where) < 1000 { // a field of the struct, not one of the long names
					continue
				}
				cut++
				if len(where) > 1024 || !strings.HasSuffix(where, "…") ||
					!strings.HasSuffix(fe.Detail, " (its name is longer than 1024 bytes and is cut short, ending in …)") {
					t.Fatalf("entry %.40q… (%d bytes) %q: want it cut to 1024 bytes, ending in …, and said so", where, len(where), fe.Detail)
				}
			}
			if cut == 0 {
				t.Error("no long name listed")
			}
		})
	}
}

// renderedSize renders err's problem and returns its size and the entries
// listed; total is the count the detail gives.
func renderedSize(t *testing.T, err error) (size, listed, total int) {
	t.Helper()
	p := asProblem(err)
	if p.Status == 0 || len(p.Errors) == 0 {
		t.Fatalf("got %v, want a problem with errors", err)
	}
	w := httptest.NewRecorder()
	strict.Write(w, httptest.NewRequest(http.MethodPost, "/", nil), p)
	if _, err := fmt.Sscanf(p.Detail[strings.Index(p.Detail, " has ")+5:], "%d", &total); err != nil {
		t.Fatalf("detail %q does not count the errors", p.Detail)
	}
	return w.Body.Len(), len(p.Errors), total
}
