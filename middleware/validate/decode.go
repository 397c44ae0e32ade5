package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/fourxx/fourxx/errorsx"
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
//   - 400 when there is no body, or it is not UTF-8, not JSON, has data
//     after the JSON value, or nests arrays and objects more than
//     Options.MaxDepth levels deep (64 by default; the extension member
//     "max_depth" gives the limit), or has member names of more than
//     Options.MaxPathBytes together on the path to one value (1024 by
//     default; "max_path_bytes" gives it); the detail gives line and column and the
//     extension members "line", "column" and "offset" repeat them;
//   - Options.Status (422 by default) when the JSON is well-formed but
//     values have the wrong JSON type, members are unknown or repeated, or
//     validator rules fail: one entry in errors per failure, each with an
//     RFC 6901 pointer into the request document, a short sentence and a
//     code (the validator tag, or "type", "unknown", "duplicate").
//
// Errors are listed in the order of their location in the document; a
// missing member comes at the end of the object that should hold it, in
// struct field order. At most 100 are listed, their pointers together at
// most 16 KiB, the detail counting the rest; a pointer longer than 1024
// bytes names the innermost enclosing value whose pointer fits, and its
// detail says so. A leading UTF-8 byte order
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
	dups, folded, p := scanDocument(data, v.opts.MaxDepth, v.opts.MaxPathBytes)
	if p != nil {
		return p
	}
	err, reliable := decodeJSON(data, dst, !v.opts.AllowUnknownFields)
	nullRoot := isNullDocument(data) && isObjectType(pl.typ)
	var verrs validator.ValidationErrors
	if pl.validate && !nullRoot && reliable {
		verrs = v.validate(r.Context(), dst, pl)
	}
	if err == nil && !nullRoot && len(dups.list) == 0 && !folded && verrs == nil {
		return nil
	}
	root := reflect.ValueOf(dst)
	places := &place{}
	pending := v.validatorIssues(root, verrs, places)
	walked := diagnose(data, pl.typ, v.opts.AllowUnknownFields, places)
	if err != nil && !nullRoot && len(walked.list) == 0 {
		places.typed = true
		walked.list = append(walked.list, fallbackIssue(err))
	}
	located := locate(pending, places)
	issues := slices.Concat(dups.list, walked.list, located)
	if len(issues) == 0 {
		return nil // names differing in case that set different fields
	}
	return v.problem(v.opts.Status, wherePointer, issues, dups.unlisted+walked.unlisted)
}

// decodeJSON decodes data, one valid JSON document, into dst, refusing
// members that match no field when strict. reliable reports whether dst
// holds every value that could be decoded, so that the validator may judge
// it: encoding/json finishes decoding after a value of the wrong type, but
// may stop at an unknown member or an error from an Unmarshaler. After an
// error that is neither a type error nor gone when unknown members are
// allowed, the values are not reliable.
func decodeJSON(data []byte, dst any, strict bool) (err error, reliable bool) {
	err = decodeWith(data, dst, strict)
	var typeErr *json.UnmarshalTypeError
	if err == nil || errors.As(err, &typeErr) {
		return err, true
	}
	if !strict {
		return err, false
	}
	reflect.ValueOf(dst).Elem().SetZero()
	lenient := decodeWith(data, dst, false)
	return err, lenient == nil || errors.As(lenient, &typeErr)
}

func decodeWith(data []byte, dst any, strict bool) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if strict {
		dec.DisallowUnknownFields()
	}
	return dec.Decode(dst)
}

// validate runs the validator on the decoded value and returns its field
// errors, or nil.
func (v *Validator) validate(ctx context.Context, dst any, pl *plan) validator.ValidationErrors {
	target := dst
	if pl.pointer {
		target = reflect.ValueOf(dst).Elem().Interface()
	}
	err := v.engine.StructCtx(ctx, target)
	if err == nil {
		return nil // before verrs, which errors.As moves to the heap
	}
	var verrs validator.ValidationErrors
	if errors.As(err, &verrs) {
		return verrs
	}
	return nil // a nil *T, which the decoder only yields for a null document
}

func isNullDocument(data []byte) bool {
	i := skipSpace(data, 0)
	return i < len(data) && data[i] == 'n'
}

// A pending issue comes from a validator error and waits for the walk of the
// document to say where its location is.
type pending struct {
	issue
	leaf    *place // the place of the location
	depth   int    // of leaf below the root
	present string // the detail when the location is in the document, if it differs
}

// validatorIssues turns validator errors into pending issues whose places
// are registered in places.
func (v *Validator) validatorIssues(root reflect.Value, verrs validator.ValidationErrors, places *place) []pending {
	out := make([]pending, 0, len(verrs))
	var p path
	for _, fe := range verrs {
		resolve(root, fe, jsonNaming, &p)
		out = append(out, pending{
			issue: issue{code: fe.Tag(), detail: v.wordFor(fe, &p, jsonNaming), value: echoValue(fe.Value(), p.secret)},
			leaf:  places.add(p.tokens), depth: len(p.tokens), present: v.zeroWords(fe),
		})
	}
	return out
}

// locate gives each pending issue its position in the document and the
// place its pointer starts from, dropping those at or below a location that
// has a type error (its value was not decoded, so the rule saw a zero
// value). A missing location is placed at the end of the nearest enclosing
// value the document has. Pointers are built only for the issues listed.
func locate(ps []pending, places *place) []issue {
	out := make([]issue, 0, len(ps))
	for _, p := range ps {
		at, depth, covered := (*place)(nil), 0, false
		for q, d := p.leaf, p.depth; q != nil && !covered; q, d = q.parent, d-1 {
			covered = q.typed
			if at == nil && q.found {
				at, depth = q, d
			}
		}
		if covered {
			continue
		}
		if at == nil {
			at = places
		}
		p.at, p.below, p.offset = at, p.leaf, at.start
		if depth < p.depth {
			p.offset = at.end - 1
		} else if p.present != "" {
			p.detail = p.present
		}
		out = append(out, p.issue)
	}
	return out
}

// fallbackIssue describes a decoding error that the walk of the document
// did not explain, from what encoding/json reports.
func fallbackIssue(err error) issue {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		is := issue{code: codeType, detail: "must be " + phrase(typeErr.Type)}
		if typeErr.Field != "" {
			is.pointer, is.cut = boundedJoin(strings.Split(typeErr.Field, ".")...)
		}
		return is
	}
	return issue{code: codeType, detail: "is not a valid value"}
}
