package jsonpointer_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/internal/complexitytest"
	"github.com/fourxx/fourxx/internal/jsonpointer"
)

// Pointers come from requests and responses that an attacker may shape:
// parsing, building and resolving one must cost linear work (DESIGN.md rule
// 9), which complexitytest.Linear checks by counting bytes at n and 4n.

func repeat(s string, n int) string { return strings.Repeat(s, n) }

func bytesOf(s string) []byte { return []byte(s) }

func TestParseIsLinear(t *testing.T) {
	complexitytest.Linear(t, func(in []byte) { _, _ = jsonpointer.Parse(string(in)) },
		complexitytest.Shape{Name: "many tokens", N: 1000, Gen: func(n int) []byte { return bytesOf(repeat("/ab", n)) }},
		complexitytest.Shape{Name: "many empty tokens", N: 1000, Gen: func(n int) []byte { return bytesOf(repeat("/", n)) }},
		complexitytest.Shape{Name: "many escapes in one token", N: 1000, Gen: func(n int) []byte { return bytesOf("/" + repeat("~0~1", n)) }},
		complexitytest.Shape{Name: "many escaped tokens", N: 1000, Gen: func(n int) []byte { return bytesOf(repeat("/~1", n)) }},
		complexitytest.Shape{Name: "many percent-escapes", N: 1000, Gen: func(n int) []byte { return bytesOf("#/" + repeat("%2F%7E", n)) }},
		complexitytest.Shape{Name: "long token", N: 1000, Gen: func(n int) []byte { return bytesOf("/" + repeat("abcdefgh", n)) }},
		complexitytest.Shape{Name: "bad escape at the end", N: 1000, Gen: func(n int) []byte { return bytesOf(repeat("/~0", n) + "/~") }},
	)
}

func TestBuildIsLinear(t *testing.T) {
	tokens := func(n int, token string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = token
		}
		return out
	}
	joined := map[int][]string{}
	complexitytest.Linear(t, func(in []byte) { _ = jsonpointer.Join(joined[len(in)]...) },
		complexitytest.Shape{Name: "join many tokens", N: 1000, Gen: func(n int) []byte {
			joined[n] = tokens(n, "item")
			return make([]byte, n) // the length names the tokens made for n
		}},
	)
	joinedEscapes := map[int][]string{}
	complexitytest.Linear(t, func(in []byte) { _ = jsonpointer.Join(joinedEscapes[len(in)]...) },
		complexitytest.Shape{Name: "join many tokens to escape", N: 1000, Gen: func(n int) []byte {
			joinedEscapes[n] = tokens(n, "a/b~c")
			return make([]byte, n)
		}},
	)
	complexitytest.Linear(t, func(in []byte) { _ = jsonpointer.Escape(string(in)) },
		complexitytest.Shape{Name: "escape a long token", N: 1000, Gen: func(n int) []byte { return bytesOf(repeat("~/", n)) }},
	)
	complexitytest.Linear(t, func(in []byte) { _ = jsonpointer.Fragment(string(in)) },
		complexitytest.Shape{Name: "fragment of many unsafe bytes", N: 1000, Gen: func(n int) []byte { return bytesOf("/" + repeat(`é "%`, n)) }},
		complexitytest.Shape{Name: "fragment of a long safe pointer", N: 1000, Gen: func(n int) []byte { return bytesOf(repeat("/items", n)) }},
	)
}

// resolveInput joins a pointer and a document into one input, split again
// by resolveSplit.
func resolveInput(pointer, doc string) []byte { return []byte(pointer + "\x00" + doc) }

func resolveSplit(in []byte) (doc []byte, pointer string) {
	p, d, _ := bytes.Cut(in, []byte{0})
	return d, string(p)
}

func TestResolveIsLinear(t *testing.T) {
	index := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString("/0")
		}
		return b.String()
	}
	complexitytest.Linear(t, func(in []byte) {
		doc, p := resolveSplit(in)
		_, _ = jsonpointer.Resolve(doc, p)
	},
		complexitytest.Shape{Name: "deep objects", N: 1000, Gen: func(n int) []byte {
			return resolveInput(repeat("/a", n), repeat(`{"a":`, n)+"1"+repeat("}", n))
		}},
		complexitytest.Shape{Name: "deep arrays", N: 1000, Gen: func(n int) []byte {
			return resolveInput(index(n), repeat("[", n)+"1"+repeat("]", n))
		}},
		complexitytest.Shape{Name: "deep objects with siblings after the path", N: 1000, Gen: func(n int) []byte {
			return resolveInput(repeat("/a", n), repeat(`{"a":`, n)+"1"+repeat(`,"b":[1,2,3]}`, n))
		}},
		complexitytest.Shape{Name: "nested duplicates", N: 1000, Gen: func(n int) []byte {
			return resolveInput(repeat("/a", n), repeat(`{"a":1,"a":`, n)+"1"+repeat("}", n))
		}},
		complexitytest.Shape{Name: "many members, the last one named", N: 1000, Gen: func(n int) []byte {
			var b strings.Builder
			b.WriteString("{")
			for i := range n {
				b.WriteString(`"k` + strconv.Itoa(i) + `":[1,{"x":2}],`)
			}
			b.WriteString(`"last":1}`)
			return resolveInput("/last", b.String())
		}},
		complexitytest.Shape{Name: "long array, the last element named", N: 1000, Gen: func(n int) []byte {
			return resolveInput("/"+strconv.Itoa(n), "["+repeat(`{"a":[1]},`, n)+"1]")
		}},
		complexitytest.Shape{Name: "escaped names", N: 1000, Gen: func(n int) []byte {
			return resolveInput(repeat("/a~1b", n), repeat(`{"a\/b":`, n)+"1"+repeat("}", n))
		}},
		complexitytest.Shape{Name: "path not found at the end of deep nesting", N: 1000, Gen: func(n int) []byte {
			return resolveInput(repeat("/a", n)+"/missing", repeat(`{"a":`, n)+"{}"+repeat("}", n))
		}},
	)
}
