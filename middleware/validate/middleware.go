package validate

import (
	"context"
	"net/http"
)

// valueKey is the context key of the decoded value of type T.
type valueKey[T any] struct{}

// JSON returns a middleware that decodes and validates the JSON body of
// every request into a T with v (nil means [Default]) before the handler
// runs. A request that fails is answered with the problem DecodeWith
// describes, written by v's renderer, and never reaches the handler. A
// request that passes reaches it with the value in its context — read it
// with [Value] or [From] — and with the body consumed (r.Body is
// http.NoBody).
//
// Mount it on routes that take a body: a request without one is a 400.
func JSON[T any](v *Validator) func(http.Handler) http.Handler {
	v = orDefault(v)
	pl := planFor[T]()
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var val T
			if p := v.decode(r, &val, pl); p != nil {
				v.opts.Renderer.Write(w, r, p) // nil writes with errorsx.Default()
				return
			}
			r = r.WithContext(context.WithValue(r.Context(), valueKey[T]{}, val))
			r.Body = http.NoBody
			next.ServeHTTP(w, r)
		})
	}
}

// From returns the value that the [JSON] middleware for type T stored in
// ctx, and whether there is one.
func From[T any](ctx context.Context) (T, bool) {
	val, ok := ctx.Value(valueKey[T]{}).(T)
	return val, ok
}

// Value returns the value that the [JSON] middleware for type T decoded from
// r's body, or the zero T when that middleware did not run.
func Value[T any](r *http.Request) T {
	val, _ := From[T](r.Context())
	return val
}
