package validate

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/jsonpointer"
)

// An issue is one thing wrong with one location of a request, before it
// becomes an errorsx.FieldError.
type issue struct {
	pointer string // JSON Pointer into the request document (string form), or a parameter or header name
	at      *place // when set, the pointer is built only if the issue is listed: at's pointer in the
	below   *place // document, then the JSON names of the places from at down to below
	offset  int    // position in the request, for ordering
	code    string
	detail  string
	value   any  // the offending value when it may be echoed, else nil
	cut     bool // the pointer was cut to that of an enclosing value (see pointerBuilder)
}

// maxIssues bounds the errors list of one response; the detail says when
// more were found. See also maxListedBytes.
const maxIssues = 100

// found is what one source of issues (a scan of the document, a walk of it,
// the validator) reports, in the order of its locations: the first
// maxIssues in full, the rest only counted, since no later one can be
// among the issues listed.
type found struct {
	list     []issue
	unlisted int
}

// room reports whether one more issue may be listed; when not, it counts
// the issue as unlisted, so that the caller need not build it.
func (f *found) room() bool {
	if len(f.list) < maxIssues {
		return true
	}
	f.unlisted++
	return false
}

// maxEchoBytes bounds the size of a value echoed back with EchoValues.
const maxEchoBytes = 256

// problem builds the problem for a list of issues in the given location
// kind ("pointer", "parameter" or "header"), and unlisted more that come
// after them. Issues are sorted by offset, ties kept in the order found. It
// lists at most maxIssues, and stops before the locations listed would pass
// maxListedBytes; the detail counts the rest.
func (v *Validator) problem(status int, where string, issues []issue, unlisted int) *errorsx.Problem {
	slices.SortStableFunc(issues, func(a, b issue) int { return a.offset - b.offset })
	total := len(issues) + unlisted
	issues = issues[:min(len(issues), maxIssues)]
	fes := make([]errorsx.FieldError, 0, len(issues))
	room := maxListedBytes
	for _, is := range issues {
		fe := errorsx.FieldError{Detail: is.detail, Code: is.code}
		var location string
		switch where {
		case wherePointer:
			if is.at != nil {
				is.pointer, is.cut = boundedJoin(append(is.at.tokens(), is.below.namesFrom(is.at)...)...)
			}
			fe.Pointer = jsonpointer.Fragment(is.pointer)
			location = fe.Pointer
		case whereParameter:
			fe.Parameter, is.cut = boundedName(is.pointer)
			location = fe.Parameter
		default:
			fe.Header, is.cut = boundedName(is.pointer)
			location = fe.Header
		}
		if len(location) > room {
			break
		}
		room -= len(location)
		if is.cut {
			fe.Detail += cutNote(where)
		}
		if v.opts.EchoValues {
			fe.Value = is.value
		}
		fes = append(fes, fe)
	}
	return errorsx.New(status, summary(where, total, len(fes))).WithErrors(fes...)
}

const (
	wherePointer   = "pointer"
	whereParameter = "parameter"
	whereHeader    = "header"
)

// summary is the detail of a problem with n issues, of which the first
// listed are in errors.
func summary(where string, n, listed int) string {
	what := map[string]string{wherePointer: "request body", whereParameter: "query string", whereHeader: "request headers"}[where]
	s := "The " + what + " has " + strconv.Itoa(n) + " invalid value"
	if n != 1 {
		s += "s"
	}
	if listed < n {
		return s + "; the first " + strconv.Itoa(listed) + " are listed in errors."
	}
	return s + "; see errors."
}

// echoRaw returns a JSON scalar from the document as an echoable value, or
// nil for objects, arrays, secrets and long values.
func echoRaw(raw []byte, secret bool) any {
	if secret || len(raw) == 0 || len(raw) > maxEchoBytes || raw[0] == '{' || raw[0] == '[' {
		return nil
	}
	return json.RawMessage(slices.Clone(raw))
}

// echoValue returns a decoded scalar as an echoable value, or nil for
// containers, secrets and long strings.
func echoValue(x any, secret bool) any {
	if secret || x == nil {
		return nil
	}
	rv := reflect.ValueOf(x)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.String:
		if rv.Len() > maxEchoBytes {
			return nil
		}
		return rv.String()
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return rv.Interface()
	}
	return nil
}
