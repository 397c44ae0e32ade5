package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/jsonpointer"
	"github.com/go-playground/validator/v10"
)

// Decode reads the JSON body of r into a new T and validates it with the
// package default Validator (see [Default] and [DecodeWith]).
func Decode[T any](r *http.Request) (T, error) { return DecodeWith[T](nil, r) }

// DecodeWith reads the JSON body of r into a new T and validates it with v
// (nil means [Default]). The error, if any, is a *errorsx.Problem ready to
// render, for instance by returning it from an errorsx.Handler:
//
//   - 415 (with Accept: application/json) when the body's Content-Type is
//     missing or not application/json or application/*+json in UTF-8, or the
//     body has a Content-Encoding;
//   - 413 when the body is longer than Options.MaxBytes;
//   - 400 when there is no body, or it is not UTF-8, not JSON, or has data
//     after the JSON value; the detail gives line and column and the
//     extension members "line", "column" and "offset" repeat them;
//   - Options.Status (422 by default) when the JSON is well-formed but
//     values have the wrong JSON type, members are unknown or repeated, or
//     validator rules fail: one entry in errors per failure, each with an
//     RFC 6901 pointer into the request document, a short sentence and a
//     code (the validator tag, or "type", "unknown", "duplicate").
//
// Errors are listed in the order of their location in the document; a
// missing member comes at the end of the object that should hold it, in
// struct field order. At most 100 are listed. A leading UTF-8 byte order
// mark is ignored. Validation runs when T is a struct or a pointer to one.
func DecodeWith[T any](v *Validator, r *http.Request) (T, error) {
	var out T
	if p := orDefault(v).decode(r, &out, planFor[T]()); p != nil {
		return out, p
	}
	return out, nil
}

// A plan holds what decoding a type needs to know about it.
type plan struct {
	typ      reflect.Type
	validate bool // a struct or pointer to struct: the validator applies
	pointer  bool // the type is a pointer, validated as is rather than through &out
}

var plans sync.Map // reflect.Type → *plan

func planFor[T any]() *plan {
	t := reflect.TypeFor[T]()
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	p := &plan{typ: t, validate: deref(t).Kind() == reflect.Struct, pointer: t.Kind() == reflect.Pointer}
	actual, _ := plans.LoadOrStore(t, p)
	return actual.(*plan)
}

// decode does the work of DecodeWith; dst points to a T.
func (v *Validator) decode(r *http.Request, dst any, pl *plan) *errorsx.Problem {
	if r.Body == nil || r.Body == http.NoBody {
		return errorsx.BadRequest(emptyBody)
	}
	if p := checkHeaders(r); p != nil {
		return p
	}
	buf, p := readBody(r, v.opts.MaxBytes)
	if p != nil {
		return p
	}
	defer releaseBody(buf)
	data := bytes.TrimPrefix(buf.Bytes(), utf8BOM)
	if i := invalidUTF8(data); i >= 0 {
		return syntaxProblem(data, i, "The request body is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if !v.opts.AllowUnknownFields {
		dec.DisallowUnknownFields()
	}
	err := dec.Decode(dst)
	if p := checkSyntax(data, dec, err); p != nil {
		return p
	}
	issues := duplicateNames(data)
	nullRoot := isNullDocument(data) && isObjectType(pl.typ)
	var verrs validator.ValidationErrors
	if pl.validate && !nullRoot && valuesReliable(err) {
		verrs = v.validate(r.Context(), dst, pl)
	}
	if err == nil && !nullRoot && len(issues) == 0 && verrs == nil {
		return nil
	}
	root := reflect.ValueOf(dst)
	places := &place{}
	located := v.validatorIssues(root, verrs, places)
	found := diagnose(data, pl.typ, v.opts.AllowUnknownFields, places)
	if err != nil && !nullRoot && len(found) == 0 {
		found = append(found, fallbackIssue(err))
	}
	issues = append(issues, found...)
	issues = append(issues, locate(located, found, places)...)
	return v.problem(v.opts.Status, wherePointer, issues)
}

// validate runs the validator on the decoded value and returns its field
// errors, or nil.
func (v *Validator) validate(ctx context.Context, dst any, pl *plan) validator.ValidationErrors {
	target := dst
	if pl.pointer {
		target = reflect.ValueOf(dst).Elem().Interface()
	}
	err := v.engine.StructCtx(ctx, target)
	var verrs validator.ValidationErrors
	if errors.As(err, &verrs) {
		return verrs
	}
	return nil // nil err, or a nil *T, which the decoder only yields for a null document
}

// valuesReliable reports whether the decoded value can be validated after
// the decoding error err: encoding/json finishes decoding after a type
// mismatch or an unknown member, but stops at an error from an Unmarshaler.
func valuesReliable(err error) bool {
	var typeErr *json.UnmarshalTypeError
	return err == nil || errors.As(err, &typeErr) || isUnknownFieldError(err)
}

func isUnknownFieldError(err error) bool {
	return strings.HasPrefix(err.Error(), "json: unknown field ")
}

func isNullDocument(data []byte) bool {
	i := skipSpace(data, 0)
	return i < len(data) && data[i] == 'n'
}

// A pending issue comes from a validator error and waits for the walk of the
// document to say where its location is.
type pending struct {
	issue
	along  []*place // the places from the root to the location
	tokens []string
}

// validatorIssues turns validator errors into pending issues whose places
// are registered in places.
func (v *Validator) validatorIssues(root reflect.Value, verrs validator.ValidationErrors, places *place) []pending {
	out := make([]pending, 0, len(verrs))
	for _, fe := range verrs {
		p, ok := resolve(root, fe.StructNamespace(), jsonNaming)
		if !ok {
			p = path{tokens: []string{fe.Field()}}
		}
		out = append(out, pending{
			issue: issue{
				canon: jsonpointer.Join(p.tokens...), code: fe.Tag(),
				detail: v.wordFor(fe, p.parent, jsonNaming), value: echoValue(fe.Value(), p.secret),
			},
			along: places.add(p.tokens), tokens: p.tokens,
		})
	}
	return out
}

// locate gives each pending issue its pointer and position in the
// document, dropping those at or below a location that already has a type
// error (its value was not decoded, so the rule saw a zero value).
func locate(ps []pending, typeIssues []issue, places *place) []issue {
	typed := typeErrorLocations(typeIssues)
	out := make([]issue, 0, len(ps))
	for _, p := range ps {
		if coveredBy(p.canon, typed) {
			continue
		}
		depth := len(p.along) - 1
		for depth > 0 && !p.along[depth].found {
			depth--
		}
		at := p.along[depth]
		p.pointer, p.offset = at.pointer()+jsonpointer.Join(p.tokens[depth:]...), at.start
		if depth < len(p.tokens) { // missing: place it at the end of the nearest enclosing value
			p.offset = at.end - 1
		}
		out = append(out, p.issue)
	}
	return out
}

// typeErrorLocations returns the set of canonical pointers that have a type
// error among issues, or nil when none has.
func typeErrorLocations(issues []issue) map[string]bool {
	var typed map[string]bool
	for _, t := range issues {
		if t.code == codeType {
			if typed == nil {
				typed = make(map[string]bool)
			}
			typed[t.canon] = true
		}
	}
	return typed
}

// coveredBy reports whether the canonical pointer canon or one of its
// ancestors is in typed: a set lookup per level, so that many validator
// errors against many type errors cost linear time.
func coveredBy(canon string, typed map[string]bool) bool {
	if typed == nil {
		return false
	}
	for {
		if typed[canon] {
			return true
		}
		i := strings.LastIndexByte(canon, '/')
		if i < 0 {
			return false
		}
		canon = canon[:i]
	}
}

// fallbackIssue describes a decoding error that the walk of the document
// did not explain, from what encoding/json reports.
func fallbackIssue(err error) issue {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		ptr := ""
		if typeErr.Field != "" {
			ptr = jsonpointer.Join(strings.Split(typeErr.Field, ".")...)
		}
		return issue{pointer: ptr, offset: int(typeErr.Offset), code: codeType, detail: "must be " + phrase(typeErr.Type)}
	}
	return issue{code: codeType, detail: "is not a valid value"}
}
