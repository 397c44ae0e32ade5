package validate

import (
	"bytes"
	"encoding/json"
	"strconv"
	"sync"

	"github.com/fourxx/fourxx/internal/jsonpointer"
)

// The functions in this file walk JSON text that encoding/json has already
// accepted as syntactically valid, so they check nothing but structure.

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index after the string starting at data[i] == '"'
// and whether it contains a backslash escape.
func stringEnd(data []byte, i int) (end int, escaped bool) {
	for i++; i < len(data); i++ {
		switch data[i] {
		case '\\':
			escaped = true
			i++
		case '"':
			return i + 1, escaped
		}
	}
	return len(data), escaped
}

// valueEnd returns the index after the value starting at data[i].
func valueEnd(data []byte, i int) int {
	depth := 0
	for i < len(data) {
		switch data[i] {
		case '"':
			i, _ = stringEnd(data, i)
			if depth == 0 {
				return i
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 { // the end of the enclosing container
				return i
			}
			depth--
			if depth == 0 {
				return i + 1
			}
		case ',', ' ', '\t', '\n', '\r', ':':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	return i
}

// unquote returns the text of the JSON string data[start:end] (quotes
// included).
func unquote(data []byte, start, end int, escaped bool) string {
	if !escaped {
		return string(data[start+1 : end-1])
	}
	var s string
	_ = json.Unmarshal(data[start:end], &s) // valid by precondition
	return s
}

// A dupFrame is one open object or array while looking for duplicate names.
type dupFrame struct {
	object    bool
	expectKey bool
	index     int                 // current element of an array
	keyStart  int                 // start of this object's names in dupScan.keys
	key       keySpan             // current member of an object
	names     map[string]struct{} // used once an object has many members
}

// keySpan locates a member name in the document, quotes included.
type keySpan struct {
	start, end int
	escaped    bool
}

type dupScan struct {
	stack []dupFrame
	keys  []keySpan
}

var dupScanPool = sync.Pool{New: func() any { return &dupScan{stack: make([]dupFrame, 0, 16), keys: make([]keySpan, 0, 32)} }}

// manyNames is the member count above which an object's names are kept in a
// map, so a huge object costs linear, not quadratic, time.
const manyNames = 16

// duplicateNames reports every object member whose name (compared after
// unescaping, case-sensitively) already occurred in the same object. It
// allocates nothing for documents without duplicates and with small objects.
func duplicateNames(data []byte) []issue {
	s := dupScanPool.Get().(*dupScan)
	defer func() {
		s.stack, s.keys = s.stack[:0], s.keys[:0]
		dupScanPool.Put(s)
	}()
	var found []issue
	for i := 0; i < len(data); {
		switch c := data[i]; c {
		case '{', '[':
			s.stack = append(s.stack, dupFrame{object: c == '{', expectKey: c == '{', keyStart: len(s.keys)})
			i++
		case '}', ']':
			top := &s.stack[len(s.stack)-1]
			s.keys = s.keys[:top.keyStart]
			s.stack = s.stack[:len(s.stack)-1]
			i++
		case ',':
			top := &s.stack[len(s.stack)-1]
			if top.object {
				top.expectKey = true
			} else {
				top.index++
			}
			i++
		case '"':
			end, escaped := stringEnd(data, i)
			if n := len(s.stack); n > 0 && s.stack[n-1].object && s.stack[n-1].expectKey {
				k := keySpan{i, end, escaped}
				if s.seen(data, k) {
					found = append(found, issue{
						pointer: s.pointer(data, k), offset: skipSpace(data, skipSpace(data, end)+1),
						code: "duplicate", detail: "appears more than once in the same object",
					})
				}
				top := &s.stack[n-1]
				top.key, top.expectKey = k, false
			}
			i = end
		default:
			i++
		}
	}
	return found
}

// seen records name k in the innermost object and reports whether it was
// already there.
func (s *dupScan) seen(data []byte, k keySpan) bool {
	top := &s.stack[len(s.stack)-1]
	if top.names != nil {
		name := unquote(data, k.start, k.end, k.escaped)
		_, dup := top.names[name]
		top.names[name] = struct{}{}
		return dup
	}
	for _, prev := range s.keys[top.keyStart:] {
		if sameName(data, prev, k) {
			return true
		}
	}
	s.keys = append(s.keys, k)
	if len(s.keys)-top.keyStart > manyNames {
		top.names = make(map[string]struct{}, 2*manyNames)
		for _, prev := range s.keys[top.keyStart:] {
			top.names[unquote(data, prev.start, prev.end, prev.escaped)] = struct{}{}
		}
		s.keys = s.keys[:top.keyStart]
	}
	return false
}

func sameName(data []byte, a, b keySpan) bool {
	if !a.escaped && !b.escaped {
		return bytes.Equal(data[a.start:a.end], data[b.start:b.end])
	}
	return unquote(data, a.start, a.end, a.escaped) == unquote(data, b.start, b.end, b.escaped)
}

// pointer returns the JSON Pointer of member k of the innermost object.
func (s *dupScan) pointer(data []byte, k keySpan) string {
	p := ""
	for _, f := range s.stack[:len(s.stack)-1] {
		if f.object {
			p = jsonpointer.Append(p, unquote(data, f.key.start, f.key.end, f.key.escaped))
		} else {
			p = jsonpointer.Append(p, strconv.Itoa(f.index))
		}
	}
	return jsonpointer.Append(p, unquote(data, k.start, k.end, k.escaped))
}
