package jsonpointer_test

import (
	"encoding/json"
	"errors"
	"io"
	"testing"

	"github.com/fourxx/fourxx/internal/jsonpointer"
)

// The document and expectations of RFC 6901 §5, plus fragment forms (§6).
func TestResolveRFC6901Examples(t *testing.T) {
	doc := []byte(`{
      "foo": ["bar", "baz"],
      "": 0,
      "a/b": 1,
      "c%d": 2,
      "e^f": 3,
      "g|h": 4,
      "i\\j": 5,
      "k\"l": 6,
      " ": 7,
      "m~n": 8
   }`)
	for _, tc := range []struct{ ptr, want string }{
		{"/foo", `["bar", "baz"]`},
		{"/foo/0", `"bar"`},
		{"/", "0"},
		{"/a~1b", "1"},
		{"/c%d", "2"},
		{"/e^f", "3"},
		{"/g|h", "4"},
		{`/i\j`, "5"},
		{`/k"l`, "6"},
		{"/ ", "7"},
		{"/m~0n", "8"},
		{"#/foo/0", `"bar"`},
		{"#/c%25d", "2"},
		{"#/k%22l", "6"},
		{"#/%20", "7"},
	} {
		got, err := jsonpointer.Resolve(doc, tc.ptr)
		if err != nil || string(got) != tc.want {
			t.Errorf("Resolve(%q) = %s, %v; want %s", tc.ptr, got, err, tc.want)
		}
	}
	whole, err := jsonpointer.Resolve(doc, "")
	if err != nil || whole[0] != '{' {
		t.Errorf("Resolve(\"\") = %.10s…, %v; want the document", whole, err)
	}
}

func TestResolveNotFound(t *testing.T) {
	doc := []byte(`{"a":[1,2],"d":{"x":1,"x":2}}`)
	for _, ptr := range []string{"/b", "/a/2", "/a/-", "/a/01", "/a/x", "/a/0/deeper"} {
		if _, err := jsonpointer.Resolve(doc, ptr); !errors.Is(err, jsonpointer.ErrNotFound) {
			t.Errorf("Resolve(%q) err = %v, want ErrNotFound", ptr, err)
		}
	}
	if got, err := jsonpointer.Resolve(doc, "/d/x"); err != nil || string(got) != "2" {
		t.Errorf("duplicate name: got %s, %v; want the last value 2", got, err)
	}
}

// The last member of a name decides, also when an earlier one holds the
// rest of the path.
func TestResolveDuplicatesOnThePath(t *testing.T) {
	for _, tc := range []struct{ doc, ptr, want string }{
		{`{"d":{"x":1},"d":{"x":2}}`, "/d/x", "2"},
		{`{"d":{"x":{"y":1}},"d":{"x":2}}`, "/d/x/y", ""},
		{`{"d":{"x":2},"d":{"x":{"y":1}}}`, "/d/x/y", "1"},
		{`[{"a":1,"a":[0,{"b":true}]}]`, "/0/a/1/b", "true"},
	} {
		got, err := jsonpointer.Resolve([]byte(tc.doc), tc.ptr)
		if tc.want == "" {
			if !errors.Is(err, jsonpointer.ErrNotFound) {
				t.Errorf("Resolve(%s, %q) = %s, %v; want ErrNotFound", tc.doc, tc.ptr, got, err)
			}
			continue
		}
		if err != nil || string(got) != tc.want {
			t.Errorf("Resolve(%s, %q) = %s, %v; want %s", tc.doc, tc.ptr, got, err, tc.want)
		}
	}
}

// A document that is not JSON on the way to the location is a syntax error.
func TestResolveSyntaxError(t *testing.T) {
	for _, doc := range []string{`{"a":[1,}`, `{"a":`, `{"b":tru,"a":1}`, `[1 2]`} {
		_, err := jsonpointer.Resolve([]byte(doc), "/a/0")
		var syntaxErr *json.SyntaxError
		if !errors.As(err, &syntaxErr) && !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("Resolve(%s) err = %v, want a JSON syntax error", doc, err)
		}
	}
}
