package validate

import (
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// A member is one JSON object member of a struct type, found the way
// encoding/json finds it: json tag names, omitempty ignored, "-" skipped,
// fields of untagged embedded structs promoted with Go's dominance rules.
type member struct {
	name   string // the JSON name
	typ    reflect.Type
	quoted bool // the ",string" option
	secret bool // tagged fourxx:"secret", itself or through an embedding field
	depth  int
	tagged bool
}

// members lists the JSON members of a struct type, with an index by name
// and by case-folded name.
type members struct {
	list   []member
	byName map[string]int
	byFold map[string]int // the first member of each folded name
}

var membersCache sync.Map // reflect.Type → *members

// membersOf returns the members of struct type t, computed once per type.
func membersOf(t reflect.Type) *members {
	if m, ok := membersCache.Load(t); ok {
		return m.(*members)
	}
	var all []member
	collectMembers(t, 0, false, map[reflect.Type]bool{}, &all)
	m := &members{byName: make(map[string]int, len(all))}
	for _, c := range all {
		i, seen := m.byName[c.name]
		switch {
		case !seen:
			m.byName[c.name] = len(m.list)
			m.list = append(m.list, c)
		case c.depth < m.list[i].depth || (c.depth == m.list[i].depth && c.tagged && !m.list[i].tagged):
			m.list[i] = c
		case c.depth == m.list[i].depth && c.tagged == m.list[i].tagged:
			m.list[i].name = "" // ambiguous: encoding/json ignores both
		}
	}
	kept := m.list[:0]
	clear(m.byName)
	for _, c := range m.list {
		if c.name != "" {
			m.byName[c.name] = len(kept)
			kept = append(kept, c)
		}
	}
	m.list = kept
	m.byFold = make(map[string]int, len(kept))
	for i, c := range kept {
		if _, ok := m.byFold[foldName(c.name)]; !ok {
			m.byFold[foldName(c.name)] = i
		}
	}
	actual, _ := membersCache.LoadOrStore(t, m)
	return actual.(*members)
}

func collectMembers(t reflect.Type, depth int, secret bool, onPath map[reflect.Type]bool, out *[]member) {
	if onPath[t] {
		return
	}
	onPath[t] = true
	defer delete(onPath, t)
	for i := range t.NumField() {
		sf := t.Field(i)
		name, opts, skip := jsonTag(sf)
		if skip {
			continue
		}
		ft := sf.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		fieldSecret := secret || isSecret(sf)
		if sf.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			collectMembers(ft, depth+1, fieldSecret, onPath, out)
			continue
		}
		if !sf.IsExported() {
			continue
		}
		tagged := name != ""
		if !tagged {
			name = sf.Name
		}
		*out = append(*out, member{
			name: name, typ: sf.Type, quoted: hasOption(opts, "string") && quotable(sf.Type),
			secret: fieldSecret, depth: depth, tagged: tagged,
		})
	}
}

// lookup finds the member a JSON key sets: the exact name, or else the first
// name equal under Unicode case folding, as encoding/json does.
func (m *members) lookup(key string) (*member, bool) {
	if i, ok := m.byName[key]; ok {
		return &m.list[i], true
	}
	if i, ok := m.byFold[foldName(key)]; ok {
		return &m.list[i], true
	}
	return nil, false
}

// index returns the position of member c, which lookup returned, in m.list.
func (m *members) index(c *member) int { return m.byName[c.name] }

// foldName returns name with every character replaced by the smallest one
// of its Unicode simple case-folding orbit (ASCII letters by their upper
// case), so that foldName(a) == foldName(b) exactly when
// strings.EqualFold(a, b): the way encoding/json matches names to fields.
func foldName(name string) string {
	i := 0
	for i < len(name) && name[i] < utf8.RuneSelf && !('a' <= name[i] && name[i] <= 'z') {
		i++
	}
	if i == len(name) {
		return name
	}
	b := make([]byte, 0, len(name))
	b = append(b, name[:i]...)
	for _, r := range name[i:] {
		switch {
		case 'a' <= r && r <= 'z':
			r -= 'a' - 'A'
		case r >= utf8.RuneSelf:
			r = smallestFold(r)
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

func smallestFold(r rune) rune {
	low := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		low = min(low, f)
	}
	return low
}

// jsonTag returns the name and options of a field's json tag, and whether
// encoding/json ignores the field ("-", or unexported and not embedded).
func jsonTag(sf reflect.StructField) (name, opts string, skip bool) {
	if !sf.IsExported() && !sf.Anonymous {
		return "", "", true
	}
	tag := sf.Tag.Get("json")
	if tag == "-" {
		return "", "", true
	}
	name, opts, _ = strings.Cut(tag, ",")
	return name, opts, false
}

// paramName returns the name under which the form decoder reads a field
// from query parameters or headers: the tag value, else the Go name.
func paramName(sf reflect.StructField, tagKey string) string {
	name, _, _ := strings.Cut(sf.Tag.Get(tagKey), ",")
	if name == "" {
		name = sf.Name
	}
	if tagKey == headerTag {
		name = strings.ToLower(name)
	}
	return name
}

func hasOption(opts, want string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == want {
			return true
		}
	}
	return false
}

// quotable reports whether the ",string" option applies to type t.
func quotable(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// SecretTag is the struct tag that marks a field whose value is never echoed
// in an error, even with Options.EchoValues: `fourxx:"secret"`. It applies
// to everything inside the field too.
const SecretTag = "fourxx"

func isSecret(sf reflect.StructField) bool {
	return hasOption(sf.Tag.Get(SecretTag), "secret")
}
