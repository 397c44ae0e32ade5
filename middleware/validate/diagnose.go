package validate

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"time"
)

// A place is a node of the tree of locations that validator errors refer to,
// keyed by JSON names. A walk of the document marks the places it finds with
// their pointer in the document and their position, and those where a value
// has the wrong type.
type place struct {
	parent     *place
	children   map[string]*place
	found      bool
	typed      bool   // the value here has a type error, so rules below it saw a zero value
	name       string // reference token by JSON name, the key in parent.children
	token      string // reference token in the document, which may spell names differently
	start, end int
}

// tokens returns the reference tokens of a found place in the document.
func (p *place) tokens() []string {
	var tokens []string
	for ; p.parent != nil; p = p.parent {
		tokens = append(tokens, p.token)
	}
	slices.Reverse(tokens)
	return tokens
}

// namesFrom returns the reference tokens from ancestor a down to p, by JSON
// names.
func (p *place) namesFrom(a *place) []string {
	var tokens []string
	for ; p != a && p != nil; p = p.parent {
		tokens = append(tokens, p.name)
	}
	slices.Reverse(tokens)
	return tokens
}

func (p *place) child(name string) *place {
	if p == nil {
		return nil
	}
	return p.children[name]
}

// add makes room for the location tokens and returns its place.
func (p *place) add(tokens []string) *place {
	for _, t := range tokens {
		c := p.children[t]
		if c == nil {
			if p.children == nil {
				p.children = make(map[string]*place, 2)
			}
			c = &place{parent: p, name: t}
			p.children[t] = c
		}
		p = c
	}
	return p
}

// A walker compares a JSON document with the Go type it is decoded into. It
// reports every value of the wrong type, every unknown member and every
// member that sets a field an earlier member of its object set — where
// encoding/json stops at the first — and marks places on the way.
type walker struct {
	data         []byte
	allowUnknown bool
	root         *place
	doc          []string // reference tokens to the current value, as written
	issues       found
}

// diagnose walks data, a syntactically valid document, against type t.
func diagnose(data []byte, t reflect.Type, allowUnknown bool, places *place) found {
	w := &walker{data: data, allowUnknown: allowUnknown, root: places}
	i := skipSpace(data, 0)
	if data[i] == 'n' && isObjectType(t) {
		places.typed = true
		w.issues.list = append(w.issues.list, issue{offset: i, code: codeType, detail: "must be an object"})
		return w.issues
	}
	w.walk(i, t, places, false, false)
	return w.issues
}

const (
	codeType      = "type"
	codeUnknown   = "unknown"
	codeDuplicate = "duplicate"
	codeSyntax    = "syntax"
)

func (w *walker) walk(i int, t reflect.Type, p *place, secret, quoted bool) int {
	i = skipSpace(w.data, i)
	end := w.value(i, t, p, secret, quoted)
	if p != nil {
		p.found, p.start, p.end = true, i, end
		if len(w.doc) > 0 {
			p.token = w.doc[len(w.doc)-1]
		}
	}
	return end
}

func (w *walker) value(i int, t reflect.Type, p *place, secret, quoted bool) int {
	c := w.data[i]
	if c == 'n' { // null sets nothing and never fails
		return i + 4
	}
	if quoted || isLeafType(t) {
		end := valueEnd(w.data, i)
		w.leaf(i, end, t, p, secret, quoted)
		return end
	}
	switch t.Kind() {
	case reflect.Pointer:
		return w.value(i, t.Elem(), p, secret, quoted)
	case reflect.Struct:
		if c != '{' {
			return w.mismatch(i, t, p, secret)
		}
		ms := membersOf(t)
		var set fieldSet
		return w.members(i, func(key string, keyAt, at int) int {
			m, ok := ms.lookup(key)
			if !ok {
				if !w.allowUnknown && w.issues.room() {
					w.issues.list = append(w.issues.list, w.memberIssue(key, issue{
						offset: keyAt, code: codeUnknown, detail: "is not a known member of this object",
					}))
				}
				return valueEnd(w.data, at)
			}
			if set.again(ms, m, key) && w.issues.room() {
				w.issues.list = append(w.issues.list, w.memberIssue(key, issue{
					offset: at, code: codeDuplicate,
					detail: "sets the same field as an earlier member of this object; names are matched regardless of letter case",
				}))
			}
			return w.child(at, key, m.name, m.typ, p, secret || m.secret, m.quoted)
		})
	case reflect.Map:
		if c != '{' {
			return w.mismatch(i, t, p, secret)
		}
		return w.members(i, func(key string, keyAt, at int) int {
			if !validMapKey(t.Key(), key) {
				w.root.typed = true // the map was not decoded: no rule's verdict can be trusted
				if w.issues.room() {
					w.issues.list = append(w.issues.list, w.memberIssue(key, issue{
						offset: keyAt, code: codeType, detail: "has a name that is not " + phrase(t.Key()),
					}))
				}
				return valueEnd(w.data, at)
			}
			return w.child(at, key, key, t.Elem(), p, secret, false)
		})
	case reflect.Slice, reflect.Array:
		if c == '"' && t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			end := valueEnd(w.data, i)
			w.leaf(i, end, t, p, secret, false)
			return end
		}
		if c != '[' {
			return w.mismatch(i, t, p, secret)
		}
		i = skipSpace(w.data, i+1)
		for n := 0; w.data[i] != ']'; n++ {
			idx := strconv.Itoa(n)
			i = skipSpace(w.data, w.child(i, idx, idx, t.Elem(), p, secret, false))
			if w.data[i] == ',' {
				i = skipSpace(w.data, i+1)
			}
		}
		return i + 1
	}
	end := valueEnd(w.data, i)
	w.leaf(i, end, t, p, secret, false)
	return end
}

// memberIssue returns is located at member key of the current object.
func (w *walker) memberIssue(key string, is issue) issue {
	is.pointer, is.cut = boundedJoin(append(w.doc, key)...)
	return is
}

// child walks the value at i, reached through reference token docToken in the
// document and canonToken by JSON name.
func (w *walker) child(i int, docToken, canonToken string, t reflect.Type, p *place, secret, quoted bool) int {
	w.doc = append(w.doc, docToken)
	end := w.walk(i, t, p.child(canonToken), secret, quoted)
	w.doc = w.doc[:len(w.doc)-1]
	return end
}

// A fieldSet records which fields the members of one object set, to find a
// member that sets a field again under another spelling ("ROLE" after
// "role"); a member repeated exactly is the scan's to report.
type fieldSet struct {
	first []string        // first[m]: the name that first set member m
	seen  []bool          // seen[m]: member m was set
	names map[string]bool // once a member is set twice: the names seen
}

// again records that key sets member m of ms and reports whether an earlier
// member with a different name set it too.
func (f *fieldSet) again(ms *members, m *member, key string) bool {
	if f.seen == nil {
		f.first, f.seen = make([]string, len(ms.list)), make([]bool, len(ms.list))
	}
	idx := ms.index(m)
	if !f.seen[idx] {
		f.seen[idx], f.first[idx] = true, key
		return false
	}
	if f.names == nil {
		f.names = make(map[string]bool)
	}
	f.names[f.first[idx]] = true
	if f.names[key] {
		return false
	}
	f.names[key] = true
	return true
}

// members calls each for every member of the object at data[i] == '{' with
// the member's name, the position of the name and that of the value; each
// returns the end of the value.
func (w *walker) members(i int, each func(key string, keyAt, at int) int) int {
	data := w.data
	i = skipSpace(data, i+1)
	for data[i] != '}' {
		keyEnd, escaped := stringEnd(data, i)
		key := unquote(data, i, keyEnd, escaped)
		at := skipSpace(data, skipSpace(data, keyEnd)+1)
		i = skipSpace(data, each(key, i, at))
		if data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	return i + 1
}

// mismatch reports a container of the wrong kind and skips it.
func (w *walker) mismatch(i int, t reflect.Type, p *place, secret bool) int {
	end := valueEnd(w.data, i)
	w.report(i, end, "must be "+phrase(t), p, secret)
	return end
}

// report records a type error at the current value, whose place (if any)
// is p.
func (w *walker) report(i, end int, detail string, p *place, secret bool) {
	if p != nil {
		p.typed = true
	}
	if w.issues.room() {
		is := issue{offset: i, code: codeType, detail: detail, value: echoRaw(w.data[i:end], secret)}
		is.pointer, is.cut = boundedJoin(w.doc...)
		w.issues.list = append(w.issues.list, is)
	}
}

// leaf decodes one value with encoding/json and reports its failure.
func (w *walker) leaf(i, end int, t reflect.Type, p *place, secret, quoted bool) {
	raw := w.data[i:end]
	target := reflect.New(t).Interface()
	var err error
	if quoted {
		err = errNotQuoted
		if raw[0] == '"' {
			inner := unquote(raw, 0, len(raw), true)
			err = json.Unmarshal([]byte(inner), target)
		}
	} else {
		err = json.Unmarshal(raw, target)
	}
	if err == nil {
		return
	}
	detail := "must be " + phrase(t)
	var typeErr *json.UnmarshalTypeError
	switch {
	case quoted:
		detail = "must be a string holding " + phrase(t)
	case errors.As(err, &typeErr) && isNumber(raw):
		detail = "must be " + numberRange(t)
	case !errors.As(err, &typeErr) && !isTime(t):
		detail = "is not a valid value"
	}
	w.report(i, end, detail, p, secret)
}

var errNotQuoted = errors.New("validate: value is not a string")

func isNumber(raw []byte) bool { return raw[0] == '-' || ('0' <= raw[0] && raw[0] <= '9') }

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	timeType        = reflect.TypeFor[time.Time]()
)

// isLeafType reports whether values of t are decoded as a whole by
// encoding/json rather than walked member by member.
func isLeafType(t reflect.Type) bool {
	if t.Kind() == reflect.Interface {
		return true
	}
	for _, u := range [...]reflect.Type{t, reflect.PointerTo(t)} {
		if u.Implements(jsonUnmarshaler) || u.Implements(textUnmarshaler) {
			return true
		}
	}
	return false
}

func isTime(t reflect.Type) bool { return deref(t) == timeType }

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// isObjectType reports whether t is decoded from a JSON object, so that a
// null document is not acceptable for it.
func isObjectType(t reflect.Type) bool {
	t = deref(t)
	return t.Kind() == reflect.Struct && !isLeafType(t)
}

// phrase describes the JSON value type t accepts, with its article.
func phrase(t reflect.Type) string {
	t = deref(t)
	if t == timeType {
		return "a date-time in RFC 3339 format, such as 2006-01-02T15:04:05Z"
	}
	if isLeafType(t) && t.Kind() != reflect.Interface {
		if reflect.PointerTo(t).Implements(textUnmarshaler) || t.Implements(textUnmarshaler) {
			return "a string in the expected format"
		}
		return "a value in the expected format"
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "a base64 string or an array"
		}
		return "an array"
	case reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "a JSON value"
}

// numberRange describes the numbers type t can hold.
func numberRange(t reflect.Type) string {
	t = deref(t)
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits := t.Bits()
		return fmt.Sprintf("an integer from %d to %d", int64(-1)<<(bits-1), int64(1)<<(bits-1)-1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return fmt.Sprintf("an integer from 0 to %d", uint64(math.MaxUint64)>>(64-t.Bits()))
	case reflect.Float32:
		return "a number of at most ±3.4e38"
	case reflect.Float64, reflect.Interface:
		return "a number of at most ±1.8e308"
	}
	return phrase(t)
}

// validMapKey reports whether encoding/json accepts key for a map with key
// type t.
func validMapKey(t reflect.Type, key string) bool {
	if reflect.PointerTo(t).Implements(textUnmarshaler) {
		return reflect.New(t).Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(key)) == nil
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		_, err := strconv.ParseInt(key, 10, t.Bits())
		return err == nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		_, err := strconv.ParseUint(key, 10, t.Bits())
		return err == nil
	}
	return true
}
