package validate

import (
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/go-playground/form/v4"
	"github.com/go-playground/validator/v10"
)

// Query decodes r's query parameters into a new T and validates it with the
// package default Validator; see [QueryWith].
func Query[T any](r *http.Request) (T, error) { return QueryWith[T](nil, r) }

// QueryWith decodes r's query parameters into a new T with
// github.com/go-playground/form/v4 and validates it with v (nil means
// [Default]). Fields are named by their `query` tag (else their Go name);
// nested structs are written "filter.status", slice elements "ids[0]" or
// by repeating the parameter. Unknown parameters are ignored.
//
// The error, if any, is a 400 *errorsx.Problem with one entry per failing
// parameter in errors, each naming it in "parameter", in the order the
// parameters appear in the query string (missing ones last, in struct
// field order). A value that does not parse as the field's type has code
// "type"; a failed validator rule has the rule's tag as code; a parameter
// whose name has unmatched brackets ("id[", "a]") has code "syntax" and is
// not decoded. As for bodies, at most 100 entries are listed, their names
// together at most 16 KiB; a name longer than 1024 bytes is cut short,
// ending in "…", and its detail says so.
func QueryWith[T any](v *Validator, r *http.Request) (T, error) {
	var out T
	v = orDefault(v)
	position := queryPosition(r.URL.RawQuery)
	var values url.Values // nil reads as empty
	var malformed []issue
	var err error
	if r.URL.RawQuery != "" { // without parameters there is nothing to decode, only the rules to check
		values = r.URL.Query()
		malformed = malformedNames(values, queryNaming, position)
		err = v.query.Decode(&out, values)
	}
	if p := v.params(r, &out, values, err, malformed, queryNaming, whereParameter, position); p != nil {
		return out, p
	}
	return out, nil
}

// Header decodes r's header fields into a new T and validates it with the
// package default Validator; see [HeaderWith].
func Header[T any](r *http.Request) (T, error) { return HeaderWith[T](nil, r) }

// HeaderWith decodes r's header fields into a new T and validates it with v
// (nil means [Default]). Fields are named by their `header` tag (else their
// Go name), matched without regard to letter case; a []string field
// receives every line of a repeated field.
//
// The error, if any, is a 400 *errorsx.Problem with one entry per failing
// field in errors, each naming it in "header" (canonical spelling), in
// struct field order. Codes are as for [QueryWith].
func HeaderWith[T any](v *Validator, r *http.Request) (T, error) {
	var out T
	v = orDefault(v)
	values := make(url.Values, len(r.Header))
	for name, lines := range r.Header {
		values[strings.ToLower(name)] = lines
	}
	position := fieldPosition(reflect.TypeFor[T]())
	malformed := malformedNames(values, headerNaming, position)
	err := v.header.Decode(&out, values)
	if p := v.params(r, &out, values, err, malformed, headerNaming, whereHeader, position); p != nil {
		return out, p
	}
	return out, nil
}

// params turns the issues found before decoding, the form decoding error
// and the validator's verdict on dst, decoded from values, into a 400
// problem, or nil. position orders the entries by name.
func (v *Validator) params(r *http.Request, dst any, values url.Values, decodeErr error, issues []issue, by naming, where string, position func(name string) int) *errorsx.Problem {
	failed := map[string]bool{}
	if errs, ok := decodeErr.(form.DecodeErrors); ok {
		for name := range errs {
			failed[name] = true
			issues = append(issues, issue{pointer: displayName(name, by), offset: position(name),
				code: codeType, detail: "must be " + phrase(paramType(reflect.TypeOf(dst).Elem(), name, by))})
		}
	} else if decodeErr != nil {
		return errorsx.InternalServerError(decodeErr)
	}
	var verrs validator.ValidationErrors
	if deref(reflect.TypeOf(dst)).Kind() == reflect.Struct {
		verrs = v.validate(r.Context(), dst, &plan{})
	}
	root := reflect.ValueOf(dst)
	var p path
	for _, fe := range verrs {
		resolve(root, fe, by, &p)
		name := formName(p)
		if failed[name] {
			continue
		}
		detail := v.wordFor(fe, &p, by)
		if zero := v.zeroWords(fe); zero != "" && sentNonEmpty(values, name) {
			detail = zero
		}
		issues = append(issues, issue{pointer: displayName(name, by), offset: position(name), code: fe.Tag(),
			detail: detail, value: echoValue(fe.Value(), p.secret)})
	}
	if len(issues) == 0 {
		return nil
	}
	return v.problem(http.StatusBadRequest, where, issues, 0)
}

// sentNonEmpty reports whether the request gave parameter or header field
// name a value that is not empty: a 0 or false sent, not a value missing.
func sentNonEmpty(values url.Values, name string) bool {
	for _, value := range values[name] {
		if value != "" {
			return true
		}
	}
	return false
}

// malformedNames removes from values the names the form decoder must not
// see, and returns an issue for each: names whose brackets do not match — a
// "]" that closes nothing, a "[" never closed — on which it panics, and the
// names that bring the distinct prefixes of bracketed parts ("a" in "a[0]",
// "a[0]" in "a[0][b]") over maxBracketPrefixes, since the decoder's work
// grows with the square of their number.
func malformedNames(values url.Values, by naming, position func(name string) int) []issue {
	var issues []issue
	prefixes := map[string]struct{}{}
	for name := range values {
		detail := ""
		switch {
		case !matchedBrackets(name):
			detail = "has a name whose brackets do not match"
		case !addPrefixes(prefixes, name):
			detail = "has a bracketed name beyond the " + strconv.Itoa(maxBracketPrefixes) + " distinct ones a request may use"
		default:
			continue
		}
		delete(values, name)
		issues = append(issues, issue{pointer: displayName(name, by), offset: position(name), code: codeSyntax, detail: detail})
	}
	return issues
}

// maxBracketPrefixes bounds the distinct prefixes of bracketed parts in the
// names of one request's parameters or header fields.
const maxBracketPrefixes = 100

// addPrefixes adds the prefixes of name's bracketed parts to set unless that
// would bring it over maxBracketPrefixes, and reports whether it did.
func addPrefixes(set map[string]struct{}, name string) bool {
	var added []string
	for i := 0; i < len(name); i++ {
		if name[i] != '[' {
			continue
		}
		if _, ok := set[name[:i]]; !ok {
			if len(set) == maxBracketPrefixes {
				for _, a := range added {
					delete(set, a)
				}
				return false
			}
			set[name[:i]] = struct{}{}
			added = append(added, name[:i])
		}
	}
	return true
}

// matchedBrackets reports whether the form decoder can parse name: every
// "]" closes an open "[", and none is left open.
func matchedBrackets(name string) bool {
	open := false
	for i := 0; i < len(name); i++ {
		switch name[i] {
		case '[':
			open = true
		case ']':
			if !open {
				return false
			}
			open = false
		}
	}
	return !open
}

// formName writes a path the way the form decoder names parameters:
// "filter.status", "ids[0]", "labels[key]".
func formName(p path) string {
	var b strings.Builder
	for i, t := range p.tokens {
		switch {
		case p.element[i]:
			b.WriteString("[" + t + "]")
		case i > 0:
			b.WriteString("." + t)
		default:
			b.WriteString(t)
		}
	}
	return b.String()
}

// displayName is the name an error entry shows: for a header, the field
// name in canonical spelling (an error about one line of a repeated field
// names the field).
func displayName(name string, by naming) string {
	if by == headerNaming {
		name, _, _ = strings.Cut(name, "[")
		return http.CanonicalHeaderKey(name)
	}
	return name
}

// paramType finds the type of the field a form namespace names, for the
// wording of a decoding error.
func paramType(t reflect.Type, name string, by naming) reflect.Type {
	for name != "" {
		t = deref(t)
		switch {
		case name[0] == '[':
			end := strings.IndexByte(name, ']')
			if end < 0 || (t.Kind() != reflect.Slice && t.Kind() != reflect.Array && t.Kind() != reflect.Map) {
				return t
			}
			t, name = t.Elem(), name[end+1:]
		case t.Kind() == reflect.Struct:
			name = strings.TrimPrefix(name, ".")
			seg := name
			if i := strings.IndexAny(seg, ".["); i >= 0 {
				seg = seg[:i]
			}
			sf, ok := fieldByParamName(t, seg, by)
			if !ok {
				return t
			}
			t, name = sf.Type, name[len(seg):]
		default:
			return t
		}
	}
	if t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8 {
		return t.Elem() // a repeated parameter: each value failed as an element
	}
	return t
}

func fieldByParamName(t reflect.Type, name string, by naming) (reflect.StructField, bool) {
	for i := range t.NumField() {
		sf := t.Field(i)
		if token, named := fieldToken(sf, by); named && token == name {
			return sf, true
		} else if !named {
			if inner, ok := fieldByParamName(deref(sf.Type), name, by); ok {
				return inner, true
			}
		}
	}
	return reflect.StructField{}, false
}

// queryPosition orders parameter names by where they first appear in the
// raw query string; absent names come last. The query string is indexed
// once, at the first call, so that ordering many entries costs linear time.
func queryPosition(rawQuery string) func(string) int {
	var first map[string]int
	return func(name string) int {
		if first == nil {
			first = make(map[string]int)
			q := rawQuery
			for i := 0; q != ""; i++ {
				var pair string
				pair, q, _ = strings.Cut(q, "&")
				key, _, _ := strings.Cut(pair, "=")
				if k, err := url.QueryUnescape(key); err == nil {
					if _, seen := first[k]; !seen {
						first[k] = i
					}
				}
			}
		}
		if i, ok := first[name]; ok {
			return i
		}
		return int(^uint(0) >> 1)
	}
}

// fieldPosition orders names by the declaration order of the top-level
// struct field they belong to.
func fieldPosition(t reflect.Type) func(string) int {
	t = deref(t)
	return func(name string) int {
		if t.Kind() != reflect.Struct {
			return 0
		}
		top := name
		if i := strings.IndexAny(top, ".["); i >= 0 {
			top = top[:i]
		}
		for i := range t.NumField() {
			if token, _ := fieldToken(t.Field(i), headerNaming); token == top {
				return i
			}
		}
		return t.NumField()
	}
}
