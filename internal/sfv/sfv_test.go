package sfv_test

import (
	"errors"
	"testing"

	"github.com/fourxx/fourxx/internal/sfv"
)

func TestRoundTrip(t *testing.T) {
	items := []sfv.Item{
		{Value: `a "q" \b`, Params: []sfv.Param{{Key: "q", Value: int64(10)}, {Key: "w", Value: int64(60)}}},
		{Value: sfv.Token("tok/x"), Params: []sfv.Param{{Key: "pk", Value: []byte("user42")}, {Key: "f", Value: true}, {Key: "g", Value: false}}},
	}
	b, err := sfv.AppendList(nil, items)
	if err != nil {
		t.Fatal(err)
	}
	if want := `"a \"q\" \\b";q=10;w=60, tok/x;pk=:dXNlcjQy:;f;g=?0`; string(b) != want {
		t.Fatalf("got %s, want %s", b, want)
	}
	got, err := sfv.ParseList(string(b))
	if err != nil || len(got) != 2 || got[0].Value != `a "q" \b` || got[0].Param("w") != int64(60) || got[1].Param("f") != true {
		t.Fatalf("parsed %+v, %v", got, err)
	}
}

func TestSerializerRefuses(t *testing.T) {
	for name, it := range map[string]sfv.Item{
		"control char": {Value: "a\nb"},
		"big integer":  {Value: int64(1e15)},
		"upper key":    {Value: "x", Params: []sfv.Param{{Key: "Q", Value: int64(1)}}},
		"bad token":    {Value: sfv.Token("1abc")},
		"float":        {Value: 1.5},
	} {
		if _, err := sfv.AppendList(nil, []sfv.Item{it}); err == nil {
			t.Errorf("%s: serialized", name)
		}
	}
}

func TestParserRejects(t *testing.T) {
	for _, s := range []string{`"a";q=`, `"a",`, `"unterminated`, `"a";Q=1`, `1.5`, `(a b)`, `"a" "b"`, "\"\x01\"", `:!!:`, `1234567890123456`} {
		if _, err := sfv.ParseList(s); !errors.Is(err, sfv.ErrSyntax) {
			t.Errorf("%q: %v", s, err)
		}
	}
}

// RFC 9651 §4.2.7: a parser SHOULD NOT fail when '=' padding is missing,
// and only base64 characters may appear between the colons.
func TestByteSequences(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{`a;pk=:YQ==:`, "a", true},
		{`a;pk=:YQ:`, "a", true},
		{`a;pk=:dXNlcjQy:`, "user42", true},
		{`a;pk=::`, "", true},
		{"a;pk=:Y\nQ==:", "", false},
		{"a;pk=:Y\rQ==:", "", false},
		{`a;pk=:Y Q==:`, "", false},
		{`a;pk=:YQ=`, "", false},
	}
	for _, tt := range tests {
		items, err := sfv.ParseList(tt.in)
		if !tt.ok {
			if !errors.Is(err, sfv.ErrSyntax) {
				t.Errorf("%q: want a syntax error, got %v", tt.in, err)
			}
			continue
		}
		if err != nil || len(items) != 1 {
			t.Fatalf("%q: %v", tt.in, err)
		}
		if got, _ := items[0].Param("pk").([]byte); string(got) != tt.want {
			t.Errorf("%q: pk %q, want %q", tt.in, got, tt.want)
		}
	}
}
