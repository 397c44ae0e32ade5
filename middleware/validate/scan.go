package validate

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/fourxx/fourxx/errorsx"
)

// A scan reads a request body once, checking that it is exactly one JSON
// value (RFC 8259) and finding the object members whose names repeat. Every
// step moves forward through the body, so a scan costs linear time, and it
// allocates nothing for a body without repeated names and without large
// objects.
type scan struct {
	data     []byte
	maxDepth int       // the deepest nesting of arrays and objects accepted
	maxPath  int       // the most bytes of member names accepted on the path to a value
	path     int       // bytes of the current member names of the open objects
	stack    []frame   // the open objects and arrays
	keys     []keySpan // the names of the open objects that have few members
	sets     []nameSet // the names of the open objects that have many, innermost last

	dups   found // members whose name already occurred in the same object
	folded bool  // two names of one object differ only in letter case

	errAt   int    // offset of the first syntax error
	errMsg  string // what is wrong there; "" when the body ends early
	tooDeep bool   // the error is nesting deeper than maxDepth
	tooLong bool   // the error is a path longer than maxPath
}

// A frame is one open object or array. A deep body has one per level, so it
// is kept to 24 bytes: the names of an object with many members live in
// scan.sets, not here.
type frame struct {
	at       int   // an array's current index, or the start of an object's current member name
	keyEnd   int   // the end of the object's current member name, quotes included
	keyStart int32 // start of the object's names in scan.keys, which holds at most manyNames+1 per level
	object   bool
	escaped  bool // the current member name has escapes
	many     bool // the object's names are in the innermost of scan.sets
}

// keyLen returns the length of the current member name of an object frame
// as written, quotes excluded; 0 before its first member.
func (f *frame) keyLen() int {
	if f.keyEnd == 0 {
		return 0
	}
	return f.keyEnd - f.at - 2
}

// A nameSet holds the names of an object with many members, and their
// case-folded forms.
type nameSet struct {
	names map[string]struct{}
	folds map[string]struct{}
}

// keySpan locates a member name in the document, quotes included.
type keySpan struct {
	start, end int
	escaped    bool
}

var scanPool = sync.Pool{New: func() any { return new(scan) }}

// pooledFrames, pooledKeys and pooledSets bound what a pooled scan keeps: a
// deep or wide body allocates its own, so its cost does not depend on what
// the pool held.
const (
	pooledFrames = 64
	pooledKeys   = 256
	pooledSets   = 8
)

// manyNames is the member count above which an object's names are kept in a
// map, so a huge object costs linear, not quadratic, time.
const manyNames = 16

// scanDocument checks data and returns the 400 problem for a body that is
// not one JSON value, nests arrays and objects more than maxDepth levels
// deep or has more than maxPath bytes of member names on the path to a
// value, or else the repeated members and whether some object has names that
// differ only in letter case (which encoding/json may map to one field).
func scanDocument(data []byte, maxDepth, maxPath int) (dups found, folded bool, p *errorsx.Problem) {
	s := scanPool.Get().(*scan)
	defer func() {
		stack, keys, sets := s.stack[:0], s.keys[:0], s.sets[:0]
		if cap(stack) > pooledFrames {
			stack = nil
		}
		if cap(keys) > pooledKeys {
			keys = nil
		}
		if cap(sets) > pooledSets {
			sets = nil
		}
		clear(sets[:cap(sets)])
		*s = scan{stack: stack, keys: keys, sets: sets}
		scanPool.Put(s)
	}()
	s.data, s.maxDepth, s.maxPath = data, maxDepth, maxPath
	i := skipSpace(data, 0)
	if i == len(data) {
		return found{}, false, errorsx.BadRequest(emptyBody)
	}
	end := s.value(i, 0)
	switch {
	case end < 0 && s.tooDeep:
		return found{}, false, depthProblem(data, s.errAt, maxDepth)
	case end < 0 && s.tooLong:
		return found{}, false, pathProblem(data, s.errAt, maxPath)
	case end < 0 && s.errMsg == "":
		return found{}, false, syntaxProblem(data, len(data), "The request body ends before its JSON document is complete")
	case end < 0:
		return found{}, false, syntaxProblem(data, s.errAt, "The request body is not valid JSON: "+s.errMsg)
	}
	if rest := skipSpace(data, end); rest < len(data) {
		return found{}, false, syntaxProblem(data, rest, "The request body has data after its JSON document; send exactly one JSON value")
	}
	return s.dups, s.folded, nil
}

// The parsing methods return the offset after what they read, or -1 after
// recording a syntax error.

// fail records that data[i] is not what was expected.
func (s *scan) fail(i int, expected string) int {
	r, _ := utf8.DecodeRune(s.data[i:])
	s.errAt, s.errMsg = i, expected+", found "+strconv.QuoteRune(r)
	return -1
}

// eof records that the body ended early.
func (s *scan) eof() int {
	s.errAt, s.errMsg = len(s.data), ""
	return -1
}

func (s *scan) value(i, depth int) int {
	data := s.data
	i = skipSpace(data, i)
	if i == len(data) {
		return s.eof()
	}
	switch c := data[i]; {
	case c == '{' || c == '[':
		if depth == s.maxDepth {
			s.errAt, s.tooDeep = i, true
			return -1
		}
		if c == '{' {
			return s.object(i, depth+1)
		}
		return s.array(i, depth+1)
	case c == '"':
		end, _ := s.str(i)
		return end
	case c == 't':
		return s.literal(i, "true")
	case c == 'f':
		return s.literal(i, "false")
	case c == 'n':
		return s.literal(i, "null")
	case c == '-' || ('0' <= c && c <= '9'):
		return s.number(i)
	}
	return s.fail(i, "expected a value")
}

func (s *scan) object(i, depth int) int {
	data := s.data
	s.stack = appendDoubling(s.stack, frame{object: true, keyStart: int32(len(s.keys))})
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		s.pop()
		return i + 1
	}
	for {
		i = skipSpace(data, i)
		if i == len(data) {
			return s.eof()
		}
		if data[i] != '"' {
			return s.fail(i, "expected a member name in double quotes")
		}
		end, escaped := s.str(i)
		if end < 0 {
			return -1
		}
		k := keySpan{i, end, escaped}
		if i = skipSpace(data, end); i == len(data) {
			return s.eof()
		}
		if data[i] != ':' {
			return s.fail(i, "expected ':' after the member name")
		}
		if s.seen(k) {
			s.duplicate(k, skipSpace(data, i+1))
		}
		top := &s.stack[len(s.stack)-1]
		s.path -= top.keyLen()
		top.at, top.keyEnd, top.escaped = k.start, k.end, k.escaped
		if s.path += top.keyLen(); s.path > s.maxPath {
			s.errAt, s.tooLong = k.start, true
			return -1
		}
		if i = s.value(i+1, depth); i < 0 {
			return -1
		}
		if i = skipSpace(data, i); i == len(data) {
			return s.eof()
		}
		switch data[i] {
		case ',':
			i++
		case '}':
			s.pop()
			return i + 1
		default:
			return s.fail(i, "expected ',' or '}' after the member's value")
		}
	}
}

func (s *scan) array(i, depth int) int {
	data := s.data
	s.stack = appendDoubling(s.stack, frame{keyStart: int32(len(s.keys))})
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		s.pop()
		return i + 1
	}
	for {
		if i = s.value(i, depth); i < 0 {
			return -1
		}
		if i = skipSpace(data, i); i == len(data) {
			return s.eof()
		}
		switch data[i] {
		case ',':
			s.stack[len(s.stack)-1].at++
			i++
		case ']':
			s.pop()
			return i + 1
		default:
			return s.fail(i, "expected ',' or ']' after an array item")
		}
	}
}

func (s *scan) pop() {
	top := s.stack[len(s.stack)-1]
	if top.object {
		s.path -= top.keyLen()
	}
	s.keys = s.keys[:top.keyStart]
	if top.many {
		s.sets[len(s.sets)-1] = nameSet{}
		s.sets = s.sets[:len(s.sets)-1]
	}
	s.stack = s.stack[:len(s.stack)-1]
}

// str reads the string at data[i] == '"' and reports whether it has escapes.
func (s *scan) str(i int) (end int, escaped bool) {
	data := s.data
	for j := i + 1; j < len(data); j++ {
		switch c := data[j]; {
		case c == '"':
			return j + 1, escaped
		case c == '\\':
			escaped = true
			if j++; j == len(data) {
				return s.eof(), escaped
			}
			switch data[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				for k := j + 1; k <= j+4; k++ {
					if k == len(data) {
						return s.eof(), escaped
					}
					if !isHex(data[k]) {
						return s.fail(k, `expected four hexadecimal digits after \u`), escaped
					}
				}
				j += 4
			default:
				return s.fail(j, `expected one of "\/bfnrtu after a backslash in a string`), escaped
			}
		case c < 0x20:
			return s.fail(j, "a control character in a string must be escaped"), escaped
		}
	}
	return s.eof(), escaped
}

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// number reads a number: an optional minus, an integer without leading
// zeros, an optional fraction and exponent.
func (s *scan) number(i int) int {
	data := s.data
	digits := func(j int, where string) int {
		if j == len(data) {
			return s.eof()
		}
		if !isDigit(data[j]) {
			return s.fail(j, "expected a digit "+where)
		}
		for j < len(data) && isDigit(data[j]) {
			j++
		}
		return j
	}
	j := i
	if data[j] == '-' {
		j++
	}
	if j < len(data) && data[j] == '0' {
		j++
	} else if j = digits(j, "in the number"); j < 0 {
		return -1
	}
	if j < len(data) && data[j] == '.' {
		if j = digits(j+1, "after the decimal point"); j < 0 {
			return -1
		}
	}
	if j < len(data) && (data[j] == 'e' || data[j] == 'E') {
		j++
		if j < len(data) && (data[j] == '+' || data[j] == '-') {
			j++
		}
		if j = digits(j, "in the exponent"); j < 0 {
			return -1
		}
	}
	return j
}

// literal reads word (true, false or null) at data[i] == word[0].
func (s *scan) literal(i int, word string) int {
	for k := 1; k < len(word); k++ {
		if i+k == len(s.data) {
			return s.eof()
		}
		if s.data[i+k] != word[k] {
			return s.fail(i+k, "expected "+word)
		}
	}
	return i + len(word)
}

// seen records name k in the innermost object and reports whether it was
// already there (compared after unescaping, case-sensitively). It sets
// s.folded when the object has another name equal to k under case folding.
func (s *scan) seen(k keySpan) bool {
	top := &s.stack[len(s.stack)-1]
	if top.many {
		set := &s.sets[len(s.sets)-1]
		name := unquote(s.data, k.start, k.end, k.escaped)
		if _, dup := set.names[name]; dup {
			return true
		}
		set.names[name] = struct{}{}
		s.addFold(set, name)
		return false
	}
	for _, prev := range s.keys[top.keyStart:] {
		same, folded := sameName(s.data, prev, k)
		if same {
			return true
		}
		s.folded = s.folded || folded
	}
	s.keys = appendDoubling(s.keys, k)
	if len(s.keys)-int(top.keyStart) > manyNames {
		top.many = true
		s.sets = appendDoubling(s.sets, nameSet{
			names: make(map[string]struct{}, 2*manyNames),
			folds: make(map[string]struct{}, 2*manyNames),
		})
		set := &s.sets[len(s.sets)-1]
		for _, prev := range s.keys[top.keyStart:] {
			name := unquote(s.data, prev.start, prev.end, prev.escaped)
			set.names[name] = struct{}{}
			s.addFold(set, name)
		}
		s.keys = s.keys[:top.keyStart]
	}
	return false
}

// addFold records the case-folded form of a new name of an object.
func (s *scan) addFold(set *nameSet, name string) {
	folded := foldName(name)
	if _, ok := set.folds[folded]; ok {
		s.folded = true
	}
	set.folds[folded] = struct{}{}
}

// sameName compares two member names after unescaping: same when they are
// equal, folded when they differ only in letter case.
func sameName(data []byte, a, b keySpan) (same, folded bool) {
	if !a.escaped && !b.escaped {
		x, y := data[a.start:a.end], data[b.start:b.end]
		if bytes.Equal(x, y) {
			return true, false
		}
		return false, bytes.EqualFold(x, y)
	}
	x, y := unquote(data, a.start, a.end, a.escaped), unquote(data, b.start, b.end, b.escaped)
	return x == y, x != y && strings.EqualFold(x, y)
}

// duplicate counts repeated member k, whose value starts at offset at, and
// lists it while there is room.
func (s *scan) duplicate(k keySpan, at int) {
	if s.dups.room() {
		is := issue{offset: at, code: codeDuplicate, detail: "appears more than once in the same object"}
		is.pointer, is.cut = s.pointer(k)
		s.dups.list = append(s.dups.list, is)
	}
}

// pointer returns the JSON Pointer of member k of the innermost object, cut
// as a pointerBuilder does. It costs time in the depth of the document,
// which is why only listed issues get one.
func (s *scan) pointer(k keySpan) (string, bool) {
	var pb pointerBuilder
	name := func(start, end int, escaped bool) {
		// A name of n bytes is at least n/6 characters (\u0061 is "a"): one
		// that cannot fit is not unescaped.
		if (end-start-2)/6 > maxLocationBytes {
			pb.cut = true
			return
		}
		pb.add(unquote(s.data, start, end, escaped))
	}
	for _, f := range s.stack[:len(s.stack)-1] {
		if f.object {
			name(f.at, f.keyEnd, f.escaped)
		} else {
			pb.add(strconv.Itoa(f.at))
		}
		if pb.cut {
			return pb.String(), true
		}
	}
	name(k.start, k.end, k.escaped)
	return pb.String(), pb.cut
}

// appendDoubling appends x to a, doubling its capacity exactly when it is
// full, so that a slice of n elements costs less than 2n elements of
// allocation in all and the cost of 4n elements is 4 times that of n
// (append grows large slices by about a quarter, a factor that varies with
// the size and costs up to 5n).
func appendDoubling[T any](a []T, x T) []T {
	if len(a) == cap(a) {
		grown := make([]T, len(a), max(2*len(a), 8))
		copy(grown, a)
		a = grown
	}
	return append(a, x)
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index after the string starting at data[i] == '"'
// of a document already scanned, and whether it contains a backslash escape.
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

// valueEnd returns the index after the value starting at data[i] of a
// document already scanned.
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
// included) of a document already scanned.
func unquote(data []byte, start, end int, escaped bool) string {
	if !escaped {
		return string(data[start+1 : end-1])
	}
	var s string
	_ = json.Unmarshal(data[start:end], &s) // valid by precondition
	return s
}
