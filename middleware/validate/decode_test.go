package validate_test

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/middleware/validate"
)

// Checklist items 44, 45 and 47 of standards.md §2.5, and the rest of the
// status split: every class of failure gets its own status and type.
func TestStatusSplit(t *testing.T) {
	srv := orderServer(t, validate.New(validate.Options{}))
	big := `{"email":"` + strings.Repeat("a", 2<<20) + `"}`
	for _, tc := range []struct {
		name, ct, body string
		status         int
		detail         string // substring
		code, pointer  string // of the first error, when set
	}{
		{"valid", "application/json", validOrder, 204, "", "", ""},
		{"media type case and charset", "Application/JSON; charset=UTF-8", validOrder, 204, "", "", ""},
		{"structured suffix", "application/vnd.api+json", validOrder, 204, "", "", ""},
		{"quoted charset", `application/json; charset="utf-8"`, validOrder, 204, "", "", ""},
		{"missing content type", "", validOrder, 415, "no Content-Type", "", ""},
		{"text/plain", "text/plain", validOrder, 415, "not supported", "", ""},
		{"json lookalike", "application/jsonx", validOrder, 415, "not supported", "", ""},
		{"latin1", "application/json; charset=latin1", validOrder, 415, "UTF-8", "", ""},
		{"empty body", "application/json", "", 400, "empty", "", ""},
		{"whitespace body", "application/json", " \n\t ", 400, "empty", "", ""},
		{"malformed", "application/json", "{\n  \"email\": \"a\",\n  }", 400, "line 3, column 3", "", ""},
		{"truncated (item 44)", "application/json", `{"age":`, 400, "before its JSON document is complete", "", ""},
		{"trailing data", "application/json", validOrder + ` {"x":1}`, 400, "data after", "", ""},
		{"wrong type", "application/json", `{"email":"a@b.co","profile":{"color":"red"},"items":[{"name":"x","quantity":"ten"}]}`, 422, "1 invalid value", "type", "#/items/0/quantity"},
		{"unknown member", "application/json", `{"email":"a@b.co","profile":{"color":"red"},"items":[{"name":"x","quantity":1}],"admin":true}`, 422, "", "unknown", "#/admin"},
		{"validator rule", "application/json", `{"email":"a@b.co","profile":{"color":"pink"},"items":[{"name":"x","quantity":1}]}`, 422, "", "oneof", "#/profile/color"},
		{"too large (item 47)", "application/json", big, 413, "limit of 1048576 bytes", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, pb := post(t, srv.URL, tc.ct, strings.NewReader(tc.body))
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d (%+v)", resp.StatusCode, tc.status, pb)
			}
			if tc.status == 415 && resp.Header.Get("Accept") != "application/json" {
				t.Errorf("415 Accept = %q, want application/json", resp.Header.Get("Accept"))
			}
			if tc.status == 413 && resp.Header.Get("Retry-After") != "" {
				t.Errorf("a permanent limit must not send Retry-After")
			}
			if tc.status >= 400 && resp.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("Content-Type = %q", resp.Header.Get("Content-Type"))
			}
			if !strings.Contains(pb.Detail, tc.detail) {
				t.Errorf("detail %q does not contain %q", pb.Detail, tc.detail)
			}
			if tc.code != "" {
				if len(pb.Errors) == 0 || pb.Errors[0].Code != tc.code || pb.Errors[0].Pointer != tc.pointer {
					t.Errorf("errors = %+v, want first {code %s, pointer %s}", pb.Errors, tc.code, tc.pointer)
				}
			}
			if tc.status >= 400 && pb.Type == "about:blank" {
				t.Errorf("type is about:blank; each status should have its own type")
			}
		})
	}
}

func TestEachStatusHasItsOwnType(t *testing.T) {
	srv := orderServer(t, nil)
	types := map[int]string{}
	for _, tc := range []struct{ ct, body string }{
		{"text/plain", "x"}, {"application/json", "{"},
		{"application/json", `{"x":1}`}, {"application/json", strings.Repeat(" ", 2<<20)},
	} {
		resp, pb := post(t, srv.URL, tc.ct, strings.NewReader(tc.body))
		types[resp.StatusCode] = pb.Type
	}
	seen := map[string]int{}
	for status, typ := range types {
		if other, dup := seen[typ]; dup {
			t.Errorf("statuses %d and %d share type %q", status, other, typ)
		}
		seen[typ] = status
	}
	if len(types) != 4 {
		t.Errorf("statuses seen: %v, want 415, 400, 422, 413", types)
	}
}

func TestContentEncodingIs415(t *testing.T) { // checklist item 46
	srv := orderServer(t, nil)
	req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(validOrder))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Content-Encoding", "br")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 415 || resp.Header.Get("Accept-Encoding") != "identity" {
		t.Errorf("status %d Accept-Encoding %q, want 415 identity", resp.StatusCode, resp.Header.Get("Accept-Encoding"))
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	for _, tc := range []struct {
		body         string
		line, column int
	}{
		{`{"a":1,}`, 1, 8},
		{"{\n\"a\": tru}", 2, 9},
		{"{\n  \"é\": 1,\n  \"b\" 2}", 3, 7},
		{"[1,2]\n\n x", 3, 2},
		{"{\"a\":\"\x01\"}", 1, 7},
	} {
		p := decodeDirect[map[string]any](t, nil, tc.body)
		if p == nil || p.Status != 400 {
			t.Fatalf("%q: problem %v, want 400", tc.body, p)
		}
		if p.Extensions["line"] != tc.line || p.Extensions["column"] != tc.column {
			t.Errorf("%q: line %v column %v (%s), want %d:%d", tc.body, p.Extensions["line"], p.Extensions["column"], p.Detail, tc.line, tc.column)
		}
	}
}

func TestStatusOption(t *testing.T) {
	v := validate.New(validate.Options{Status: http.StatusBadRequest})
	p := decodeDirect[Order](t, v, `{"email":"x"}`)
	if p == nil || p.Status != 400 || len(p.Errors) == 0 {
		t.Fatalf("got %v, want 400 with errors", p)
	}
}

func TestAllowUnknownFields(t *testing.T) {
	strictV, lenient := validate.New(validate.Options{}), validate.New(validate.Options{AllowUnknownFields: true})
	body := strings.Replace(validOrder, `{"id"`, `{"nickname":"x","id"`, 1)
	if p := decodeDirect[Order](t, strictV, body); p == nil || p.Errors[0].Code != "unknown" || p.Errors[0].Pointer != "#/nickname" {
		t.Errorf("default: got %v, want unknown #/nickname", p)
	}
	if p := decodeDirect[Order](t, lenient, body); p != nil {
		t.Errorf("AllowUnknownFields: got %v, want success", p)
	}
}

func TestMaxBytesOption(t *testing.T) {
	v := validate.New(validate.Options{MaxBytes: 10})
	if p := decodeDirect[map[string]int](t, v, `{"a":1}`); p != nil {
		t.Errorf("7 bytes: %v", p)
	}
	if p := decodeDirect[map[string]int](t, v, `{"a":12345}`); p == nil || p.Status != 413 {
		t.Errorf("11 bytes: %v, want 413", p)
	}
	unlimited := validate.New(validate.Options{MaxBytes: math.MaxInt64})
	if p := decodeDirect[map[string]int](t, unlimited, `{"a":1}`); p != nil {
		t.Errorf("MaxBytes = MaxInt64: %v, want success", p)
	}
}

// A body nested deeper than MaxDepth is refused with 400 before it is
// decoded, naming the limit; one at the limit is decoded.
func TestMaxDepthOption(t *testing.T) {
	nest := func(levels int) string {
		return strings.Repeat(`{"a":[`, levels/2) + "1" + strings.Repeat("]}", levels/2)
	}
	for _, tc := range []struct {
		name     string
		opts     validate.Options
		levels   int
		maxDepth int // 0: accepted
	}{
		{"default, at the limit", validate.Options{}, 64, 0},
		{"default, over the limit", validate.Options{}, 66, 64},
		{"MaxDepth 4, at the limit", validate.Options{MaxDepth: 4}, 4, 0},
		{"MaxDepth 4, over the limit", validate.Options{MaxDepth: 4}, 6, 4},
		{"MaxDepth 10000, at the limit", validate.Options{MaxDepth: validate.MaxDepthLimit}, 10000, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := decodeDirect[any](t, validate.New(tc.opts), nest(tc.levels))
			if tc.maxDepth == 0 {
				if p != nil {
					t.Fatalf("%d levels: %v, want success", tc.levels, p)
				}
				return
			}
			want := fmt.Sprintf("The request body nests arrays and objects more than %d levels deep; at most %d are accepted (line 1, column %d).",
				tc.maxDepth, tc.maxDepth, 3*tc.maxDepth+1)
			if p == nil || p.Status != 400 || p.Detail != want || p.Extensions["max_depth"] != tc.maxDepth || len(p.Errors) != 0 {
				t.Fatalf("%d levels: %v %q %v, want 400 %q with max_depth %d", tc.levels, p, p.Detail, p.Extensions, want, tc.maxDepth)
			}
		})
	}
}

// The member names on the path to a value are bounded together; names of
// members beside the path do not count.
func TestMaxPathBytesOption(t *testing.T) {
	name := func(c string, n int) string { return `"` + strings.Repeat(c, n) + `"` }
	for _, tc := range []struct {
		name    string
		opts    validate.Options
		body    string
		maxPath int // 0: accepted
		column  int
	}{
		{"default, at the limit", validate.Options{}, "{" + name("a", 1000) + ":{" + name("b", 24) + ":1}}", 0, 0},
		{"default, over the limit", validate.Options{}, "{" + name("a", 1000) + ":{" + name("b", 25) + ":1}}", 1024, 1006},
		{"siblings", validate.Options{}, "{" + name("a", 1000) + ":1," + name("b", 1000) + ":{" + name("c", 24) + ":[1]}}", 0, 0},
		{"after a closed object", validate.Options{}, "{" + name("a", 1000) + ":{},\"b\":{" + name("c", 1000) + ":1}}", 0, 0},
		{"escapes count as written", validate.Options{}, "{" + name(`\u0061`, 171) + ":1}", 1024, 2},
		{"MaxPathBytes 4", validate.Options{MaxPathBytes: 4}, `{"ab":{"cd":[{"e":1}]}}`, 4, 15},
		{"16 bytes per level of MaxDepth", validate.Options{MaxDepth: 2}, "{" + name("a", 32) + ":1}", 0, 0},
		{"16 bytes per level of MaxDepth, over", validate.Options{MaxDepth: 2}, "{" + name("a", 33) + ":1}", 32, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := decodeDirect[any](t, validate.New(tc.opts), tc.body)
			if tc.maxPath == 0 {
				if p != nil {
					t.Fatalf("%v, want success", p)
				}
				return
			}
			want := fmt.Sprintf("The request body has member names of more than %d bytes together on the path to a value; at most %d are accepted (line 1, column %d).",
				tc.maxPath, tc.maxPath, tc.column)
			if p == nil || p.Status != 400 || p.Detail != want || p.Extensions["max_path_bytes"] != tc.maxPath {
				t.Fatalf("%v %v, want 400 %q with max_path_bytes %d", p, p.Extensions, want, tc.maxPath)
			}
		})
	}
}

func TestNonStructTargets(t *testing.T) {
	if p := decodeDirect[[]int](t, nil, `[1,2,"x"]`); p == nil || p.Errors[0].Pointer != "#/2" {
		t.Errorf("slice: %v", p)
	}
	if p := decodeDirect[*Order](t, nil, `null`); p == nil || p.Errors[0].Pointer != "#" || p.Errors[0].Code != "type" {
		t.Errorf("null into *Order: %v", p)
	}
	if p := decodeDirect[*Order](t, nil, validOrder); p != nil {
		t.Errorf("valid *Order: %v", p)
	}
	if p := decodeDirect[*Order](t, nil, `{"email":"x"}`); p == nil || p.Status != 422 {
		t.Errorf("invalid *Order: %v, want 422", p)
	}
}
