package sfv_test

import (
	"reflect"
	"testing"

	"github.com/fourxx/fourxx/internal/sfv"
)

// FuzzParseList checks two round trips. A field value that parses
// serializes, and the serialization parses to the same list and serializes
// to the same bytes. An item built from arbitrary values that the
// serializer accepts parses back to itself.
func FuzzParseList(f *testing.F) {
	f.Add(`"default";r=50;t=30, foo, ?1;a, -999999999999999`, "text \\ \"q\"", "tok/en:x", int64(42), []byte("bin"), "k.e-y*")
	f.Add(`:aGVsbG8=:;x=:: , *tok;a=?0;a=1`, "", "*", int64(-999_999_999_999_999), []byte{}, "*")
	f.Add("  a  ,\tb;c=\"d\"", "\x7f", "1abc", int64(1_000_000_000_000_000), []byte(nil), "Key")
	f.Add(`1.5, "unterminated`, "ok", "ok", int64(0), []byte{0, 255}, "a")
	f.Add(`a;b=c;d, e`, "", "a", int64(-0), []byte("x"), "")
	f.Fuzz(func(t *testing.T, field, s, token string, n int64, bin []byte, key string) {
		if items, err := sfv.ParseList(field); err == nil && len(items) > 0 {
			out, err := sfv.AppendList(nil, items)
			if err != nil {
				t.Fatalf("parsed %q to %#v, which does not serialize: %v", field, items, err)
			}
			again, err := sfv.ParseList(string(out))
			if err != nil {
				t.Fatalf("%q → %q does not parse: %v", field, out, err)
			}
			if !reflect.DeepEqual(normalizeItems(again), normalizeItems(items)) {
				t.Fatalf("%q → %q parses to %#v, want %#v", field, out, again, items)
			}
			if out2, _ := sfv.AppendList(nil, again); string(out2) != string(out) {
				t.Fatalf("serialization is not stable: %q then %q", out, out2)
			}
		}

		built := []sfv.Item{
			{Value: s, Params: []sfv.Param{{Key: key, Value: sfv.Token(token)}}},
			{Value: n, Params: []sfv.Param{{Key: "b", Value: bin}, {Key: "t", Value: true}, {Key: "f", Value: false}}},
			{Value: sfv.Token(token)},
			{Value: bin, Params: []sfv.Param{{Key: "s", Value: s}}},
		}
		out, err := sfv.AppendList(nil, built)
		if err != nil {
			return
		}
		got, err := sfv.ParseList(string(out))
		if err != nil {
			t.Fatalf("serializer output %q does not parse: %v", out, err)
		}
		if !reflect.DeepEqual(normalizeItems(got), normalizeItems(built)) {
			t.Fatalf("%#v serialized as %q parses to %#v", built, out, got)
		}
	})
}

// normalizeItems makes nil and empty byte slices equal, as the wire does.
func normalizeItems(items []sfv.Item) []sfv.Item {
	out := make([]sfv.Item, len(items))
	for i, it := range items {
		out[i] = sfv.Item{Value: normalizeBare(it.Value)}
		for _, p := range it.Params {
			out[i].Params = append(out[i].Params, sfv.Param{Key: p.Key, Value: normalizeBare(p.Value)})
		}
	}
	return out
}

func normalizeBare(v any) any {
	if b, ok := v.([]byte); ok && len(b) == 0 {
		return []byte{}
	}
	return v
}
