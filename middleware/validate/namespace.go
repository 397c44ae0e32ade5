package validate

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"
)

// A naming says how struct fields are named in a request: by their JSON
// member name, query parameter name or header name.
type naming string

const (
	jsonNaming   naming = "json"
	queryNaming  naming = "query"
	headerNaming naming = "header"
)

// A path is where a validator error points, as reference tokens.
type path struct {
	tokens  []string
	element []bool       // tokens[i] is an array index or map key rather than a field name
	secret  bool         // some field on the way is marked secret
	key     bool         // the error is about the name of the map member the path ends at, not its value
	parent  reflect.Type // the struct holding the failing field, for cross-field rules
}

// resolve turns the StructNamespace of a validator error ("Order.Items[2].Name",
// "Order.Labels[a.b]") into path p, walking the decoded value root (a pointer
// to the struct). Map keys may contain '.', '[' and ']': each candidate end
// of a key is tried against the map's real keys. When the namespace does
// not match the value, p names the field alone (fe.Field()). p's slices are
// reused from call to call, so resolving many errors costs time, not
// memory, in their depth.
func resolve(root reflect.Value, fe validator.FieldError, by naming, p *path) {
	*p = path{tokens: p.tokens[:0], element: p.element[:0]}
	v, ns := indirect(root), fe.StructNamespace()
	ok := true
	if name := v.Type().Name(); name != "" {
		ns, ok = strings.CutPrefix(ns, name)
	}
	p.parent = v.Type()
	if !ok || !p.walk(v, ns, by, fe) {
		*p = path{tokens: append(p.tokens[:0], fe.Field()), element: append(p.element[:0], false)}
	}
}

func (p *path) walk(v reflect.Value, rest string, by naming, fe validator.FieldError) bool {
	v = indirect(v)
	if rest == "" {
		return true
	}
	switch {
	case rest[0] == '.' && v.Kind() == reflect.Struct:
		name := rest[1:]
		if i := strings.IndexAny(name, ".["); i >= 0 {
			name = name[:i]
		}
		f, found := goFieldsOf(v.Type(), by)[name]
		if !found {
			return false
		}
		p.parent = v.Type()
		p.secret = p.secret || f.secret
		if f.named {
			p.push(f.token, false)
		}
		return p.walk(v.Field(f.index), rest[1+len(name):], by, fe)
	case rest[0] == '[' && (v.Kind() == reflect.Slice || v.Kind() == reflect.Array):
		end := strings.IndexByte(rest, ']')
		i, err := strconv.Atoi(rest[1:max(end, 1)])
		if end < 0 || err != nil || i < 0 || i >= v.Len() {
			return false
		}
		p.push(rest[1:end], true)
		return p.walk(v.Index(i), rest[end+1:], by, fe)
	case rest[0] == '[' && v.Kind() == reflect.Map:
		for end := 1; end < len(rest); end++ {
			if rest[end] != ']' {
				continue
			}
			after := rest[end+1:]
			if after != "" && after[0] != '.' && after[0] != '[' {
				continue
			}
			key, found := mapKey(v, rest[1:end])
			if !found {
				continue
			}
			saved := *p // deeper tokens are appended after saved's, so restoring it undoes them
			p.push(rest[1:end], true)
			if after == "" {
				p.key = failedOnKey(fe, key, v.MapIndex(key))
			}
			if p.walk(v.MapIndex(key), after, by, fe) {
				return true
			}
			*p = saved
		}
	}
	return false
}

// A goField is what resolving a namespace needs to know of a direct field
// of a struct, found by its Go name.
type goField struct {
	index  int
	token  string // reference token in the request
	named  bool   // false for an embedded struct whose fields are promoted
	secret bool
}

type goFieldsKey struct {
	t  reflect.Type
	by naming
}

var goFieldsCache sync.Map // goFieldsKey → map[string]goField

// goFieldsOf returns the direct fields of struct type t by Go name, computed
// once per type and naming, so that resolving a deep namespace does not
// allocate at every level.
func goFieldsOf(t reflect.Type, by naming) map[string]goField {
	key := goFieldsKey{t, by}
	if m, ok := goFieldsCache.Load(key); ok {
		return m.(map[string]goField)
	}
	m := make(map[string]goField, t.NumField())
	for i := range t.NumField() {
		sf := t.Field(i)
		token, named := fieldToken(sf, by)
		m[sf.Name] = goField{index: i, token: token, named: named, secret: isSecret(sf)}
	}
	actual, _ := goFieldsCache.LoadOrStore(key, m)
	return actual.(map[string]goField)
}

func (p *path) push(token string, element bool) {
	p.tokens = append(p.tokens, token)
	p.element = append(p.element, element)
}

// indirect follows pointers; a nil pointer gives the zero value of its
// element type, so the names below it can still be resolved.
func indirect(v reflect.Value) reflect.Value {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			if v.Kind() == reflect.Interface {
				return v
			}
			v = reflect.Zero(v.Type().Elem())
			continue
		}
		v = v.Elem()
	}
	return v
}

// failedOnKey reports whether fe, an error at a map member, is about the
// member's name (a rule between dive,keys and endkeys) rather than its
// value: the validator names both alike, but gives the key as the value
// when a key rule fails. A key equal to its value counts as the value.
func failedOnKey(fe validator.FieldError, key, value reflect.Value) bool {
	got := reflect.ValueOf(fe.Value())
	if !got.IsValid() || got.Type() != key.Type() || !got.Comparable() || !got.Equal(key) {
		return false
	}
	value = indirect(value)
	return !value.IsValid() || value.Type() != got.Type() || !value.Comparable() || !value.Equal(got)
}

// mapKey finds the key of map m that the validator printed as text (it
// formats keys with %v).
func mapKey(m reflect.Value, text string) (reflect.Value, bool) {
	kt := m.Type().Key()
	if kt.Kind() == reflect.String {
		k := reflect.ValueOf(text).Convert(kt)
		return k, m.MapIndex(k).IsValid()
	}
	for _, k := range m.MapKeys() {
		if fmt.Sprintf("%v", k) == text {
			return k, true
		}
	}
	return reflect.Value{}, false
}

// fieldToken returns the reference token of a struct field, or named false
// for an embedded struct whose fields are promoted into its parent.
func fieldToken(sf reflect.StructField, by naming) (token string, named bool) {
	if by == jsonNaming {
		name, _, _ := jsonTag(sf)
		if sf.Anonymous && name == "" && deref(sf.Type).Kind() == reflect.Struct {
			return "", false
		}
		if name == "" {
			name = sf.Name
		}
		return name, true
	}
	if sf.Anonymous && sf.Tag.Get(string(by)) == "" && deref(sf.Type).Kind() == reflect.Struct {
		return "", false
	}
	return paramName(sf, string(by)), true
}

// fieldName returns how the request names the field goName of struct t, for
// the parameter of cross-field rules such as eqfield=Password.
func fieldName(t reflect.Type, goName string, by naming) string {
	if t == nil || t.Kind() != reflect.Struct {
		return goName
	}
	sf, ok := t.FieldByName(goName)
	if !ok {
		return goName
	}
	name, _ := fieldToken(sf, by)
	if name == "" {
		return goName
	}
	return name
}
