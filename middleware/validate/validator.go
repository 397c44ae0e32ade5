package validate

import (
	"fmt"
	"math"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/go-playground/form/v4"
	"github.com/go-playground/validator/v10"
)

// Options configure a [Validator]. The zero value gives the defaults listed
// on each field.
type Options struct {
	// Renderer writes the problems of the JSON middleware. Nil means
	// errorsx.Default() at the time of the request.
	Renderer *errorsx.Renderer
	// MaxBytes is the largest request body accepted, enforced while reading
	// whatever Content-Length says; larger bodies get 413. Zero means 1 MiB;
	// it must not be negative.
	MaxBytes int64
	// MaxDepth is the deepest nesting of arrays and objects accepted in a
	// body: a body nested deeper gets 400, found while the body is checked
	// for syntax, before anything is decoded or validated. Zero means 64,
	// the default of .NET's System.Text.Json (serde_json allows 128,
	// encoding/json 10000). Depth bounds what each failure costs: a
	// validator error holds the path to its field, so a rule failing at
	// every level of a recursive type costs the errors times the depth.
	// It must be from 0 to 10000 (MaxDepthLimit).
	MaxDepth int
	// MaxPathBytes is the most bytes of member names, as written, that the
	// objects holding a value may use together on the path to it: a body
	// with a longer path gets 400, found with MaxDepth's. Zero means 16
	// bytes per level of MaxDepth (1024 by default). It bounds what each
	// failure costs as MaxDepth does, for names rather than levels: a
	// validator error holds the map keys on its path, so one long key above
	// many failing values would cost their number times its length. It
	// must not be negative.
	MaxPathBytes int
	// Status is the status of well-formed bodies that fail: values of the
	// wrong type, unknown or duplicate members, validator rules. Zero means
	// 422; some teams prefer 400. Any other value must be a 4xx status.
	// Query and header failures are always 400.
	Status int
	// AllowUnknownFields accepts (and ignores) body members that the target
	// struct does not have. By default they are reported with code "unknown".
	AllowUnknownFields bool
	// EchoValues adds the offending value to each error as "value". Only
	// scalars up to 256 bytes are echoed, never values of unknown members
	// nor of fields tagged fourxx:"secret" (see [SecretTag]).
	EchoValues bool
	// Messages, when set, words validator errors: return the sentence for
	// fe, for instance from a translator, or "" to use [DefaultMessage].
	Messages func(fe validator.FieldError) string
}

// DefaultMaxBytes is the body limit when Options.MaxBytes is zero.
const DefaultMaxBytes = 1 << 20

// DefaultMaxDepth is the nesting limit when Options.MaxDepth is zero, and
// MaxDepthLimit the largest one accepted: encoding/json decodes no deeper.
const (
	DefaultMaxDepth = 64
	MaxDepthLimit   = 10000
)

// pathBytesPerLevel is what Options.MaxPathBytes allows per level of
// MaxDepth when it is zero.
const pathBytesPerLevel = 16

// A Validator decodes and validates requests with one set of options and
// one validator.Validate, built once. It is safe for concurrent use.
type Validator struct {
	opts   Options
	engine *validator.Validate
	query  *form.Decoder
	header *form.Decoder
}

// Validate reports the first field of o that [New] refuses, as an error
// "validate: <Field>: <why>", or nil. Call it on options read at run time
// (flags, environment) to report them instead of panicking.
func (o Options) Validate() error {
	switch {
	case o.MaxBytes < 0:
		return fmt.Errorf("validate: MaxBytes: %d is negative; use 0 for the default of 1 MiB", o.MaxBytes)
	case o.MaxDepth < 0:
		return fmt.Errorf("validate: MaxDepth: %d is negative; use 0 for the default of %d", o.MaxDepth, DefaultMaxDepth)
	case o.MaxDepth > MaxDepthLimit:
		return fmt.Errorf("validate: MaxDepth: %d is more than %d, the deepest nesting encoding/json decodes", o.MaxDepth, MaxDepthLimit)
	case o.MaxPathBytes < 0:
		return fmt.Errorf("validate: MaxPathBytes: %d is negative; use 0 for the default of %d bytes per level of MaxDepth", o.MaxPathBytes, pathBytesPerLevel)
	case o.Status != 0 && (o.Status < 400 || o.Status > 499):
		return fmt.Errorf("validate: Status: %d is not a 4xx status", o.Status)
	}
	return nil
}

// New returns a Validator configured by opts. Validator error fields are
// named by their JSON names (see [validator.FieldError.Field]), and the
// validator requires struct fields marked "required" to be non-zero
// (validator.WithRequiredStructEnabled). New panics with the error of
// [Options.Validate] when opts are not valid: they are a programmer's.
func New(opts Options) *Validator {
	if err := opts.Validate(); err != nil {
		panic(err.Error())
	}
	if opts.MaxBytes == 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	opts.MaxBytes = min(opts.MaxBytes, math.MaxInt64-1) // reading stops at MaxBytes+1
	if opts.MaxDepth == 0 {
		opts.MaxDepth = DefaultMaxDepth
	}
	if opts.MaxPathBytes == 0 {
		opts.MaxPathBytes = pathBytesPerLevel * opts.MaxDepth
	}
	if opts.Status == 0 {
		opts.Status = http.StatusUnprocessableEntity
	}
	engine := validator.New(validator.WithRequiredStructEnabled())
	engine.RegisterTagNameFunc(func(sf reflect.StructField) string {
		name, _, skip := jsonTag(sf)
		if skip || name == "" {
			return sf.Name
		}
		return name
	})
	query := form.NewDecoder()
	query.SetTagName(queryTag)
	header := form.NewDecoder()
	header.RegisterTagNameFunc(func(sf reflect.StructField) string {
		if sf.Tag.Get(headerTag) == "-" {
			return "-"
		}
		return paramName(sf, headerTag)
	})
	return &Validator{opts: opts, engine: engine, query: query, header: header}
}

const (
	queryTag  = "query"
	headerTag = "header"
)

var defaultValidator = sync.OnceValue(func() *Validator { return New(Options{}) })

// Default returns the package-level Validator used by [Decode], [Query],
// [Header] and a nil *Validator: zero Options.
func Default() *Validator { return defaultValidator() }

// Engine returns the validator.Validate that v uses, so that custom rules
// (RegisterValidation, RegisterStructValidation …) can be added. Register
// them at start-up, before v serves requests: the validator package does
// not allow registration concurrently with validation.
func (v *Validator) Engine() *validator.Validate { return v.engine }

func orDefault(v *Validator) *Validator {
	if v == nil {
		return Default()
	}
	return v
}

// wordFor words a validator error at path p; by names the other field of
// cross-field rules. A rule on a map member's name says so.
func (v *Validator) wordFor(fe validator.FieldError, p *path, by naming) string {
	if v.opts.Messages != nil {
		if s := v.opts.Messages(fe); s != "" {
			return s
		}
	}
	s := v.defaultWords(fe, p.parent, by)
	if p.key {
		return "has a name that " + s
	}
	return s
}

// zeroWords words the failure of rule "required" on a number or boolean
// that was sent as 0 or false, which the rule counts as missing, or returns
// "" for any other error and when a Messages hook words fe.
func (v *Validator) zeroWords(fe validator.FieldError) string {
	if fe.Tag() != "required" || (v.opts.Messages != nil && v.opts.Messages(fe) != "") {
		return ""
	}
	switch fe.Kind() {
	case reflect.Bool:
		return zeroRequired("false")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return zeroRequired("0")
	}
	return ""
}

func zeroRequired(zero string) string {
	return "must not be " + zero + ": the rule required counts " + zero + " as missing " +
		"(to accept " + zero + ", the field must be a pointer, or use omitempty instead of required)"
}

func (v *Validator) defaultWords(fe validator.FieldError, parent reflect.Type, by naming) string {
	param := fe.Param()
	if crossField[fe.Tag()] {
		param = fieldName(parent, param, by)
		if by == headerNaming {
			param = http.CanonicalHeaderKey(param)
		}
	}
	if fe.Tag() == "unique" && param != "" {
		if t := deref(fe.Type()); t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			param = fieldName(deref(t.Elem()), param, by)
		}
	}
	return message(fe, strings.TrimSpace(param))
}
