package jsonpointer_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/fourxx/fourxx/internal/jsonpointer"
)

func TestEscapeRoundTrip(t *testing.T) {
	for _, tc := range []struct{ token, escaped string }{
		{"name", "name"},
		{"a/b", "a~1b"},
		{"m~n", "m~0n"},
		{"~1", "~01"},
		{"/~", "~1~0"},
		{"", ""},
	} {
		if got := jsonpointer.Escape(tc.token); got != tc.escaped {
			t.Errorf("Escape(%q) = %q, want %q", tc.token, got, tc.escaped)
		}
		back, err := jsonpointer.Unescape(tc.escaped)
		if err != nil || back != tc.token {
			t.Errorf("Unescape(%q) = %q, %v; want %q", tc.escaped, back, err, tc.token)
		}
	}
}

func TestUnescapeRejectsBadTilde(t *testing.T) {
	for _, s := range []string{"~", "a~2", "~x"} {
		if _, err := jsonpointer.Unescape(s); !errors.Is(err, jsonpointer.ErrSyntax) {
			t.Errorf("Unescape(%q) err = %v, want ErrSyntax", s, err)
		}
	}
}

func TestFragment(t *testing.T) {
	for _, tc := range []struct{ ptr, want string }{
		{"", "#"},
		{"/items/3/name", "#/items/3/name"},
		{"/a b", "#/a%20b"},
		{"/c%d", "#/c%25d"},
		{"/é", "#/%C3%A9"},
		{`/"q"`, "#/%22q%22"},
		{"/a~1b", "#/a~1b"},
	} {
		if got := jsonpointer.Fragment(tc.ptr); got != tc.want {
			t.Errorf("Fragment(%q) = %q, want %q", tc.ptr, got, tc.want)
		}
		if got := jsonpointer.FragmentLen(tc.ptr); got != len(tc.want) {
			t.Errorf("FragmentLen(%q) = %d, want %d", tc.ptr, got, len(tc.want))
		}
		tokens, err := jsonpointer.Parse(tc.want)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.want, err)
		}
		plain, _ := jsonpointer.Parse(tc.ptr)
		if !slices.Equal(tokens, plain) {
			t.Errorf("Parse(%q) = %q, want %q", tc.want, tokens, plain)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
		err  bool
	}{
		{"", nil, false},
		{"#", nil, false},
		{"/", []string{""}, false},
		{"/a~1b/m~0n/0", []string{"a/b", "m~n", "0"}, false},
		{"#/a%2Fb", []string{"a", "b"}, false}, // percent-decoding happens before splitting (RFC 6901 §6)
		{"a", nil, true},
		{"#/%zz", nil, true},
		{"#/%4", nil, true},
		{"/~9", nil, true},
	} {
		got, err := jsonpointer.Parse(tc.in)
		if (err != nil) != tc.err || !slices.Equal(got, tc.want) {
			t.Errorf("Parse(%q) = %q, %v; want %q, err=%v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestJoin(t *testing.T) {
	if got := jsonpointer.Join("profile", "a/b", "~"); got != "/profile/a~1b/~0" {
		t.Errorf("Join = %q", got)
	}
	if got := jsonpointer.Join(); got != "" {
		t.Errorf("Join() = %q, want whole-document pointer", got)
	}
}
