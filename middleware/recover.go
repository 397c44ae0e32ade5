package middleware

import (
	"errors"
	"net/http"
	"runtime/debug"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/respwriter"
)

// RecoverOptions configure [Recover].
type RecoverOptions struct {
	// Renderer writes the 500 problem and logs it, with the panic value and
	// the stack; nil means errorsx.Default() at the time of writing.
	Renderer *errorsx.Renderer
}

// Recover returns a middleware that turns a panic in the next handler into a
// 500 problem. The renderer writes it and logs it once, at level Error,
// with the panic value and the stack (an errorsx.PanicError as its cause);
// the client sees only the renderer's generic 500 body, without the header
// fields the handler set for the body it never finished (the renderer
// drops validators and representation fields).
//
// A panic with http.ErrAbortHandler is re-panicked untouched, so net/http
// aborts the response silently as documented. If the response had already
// started when the panic happened, nothing more is written: the renderer
// logs the problem it could not send and aborts the response (it panics
// with http.ErrAbortHandler), so the server cuts the connection and the
// client sees a truncated response instead of one that looks complete.
//
// Put Recover first (outermost) so that it covers every other middleware.
//
// Its response-writer wrapper costs one allocation per request. When the
// next handler is a [Normalize] (as when Recover comes right before
// middleware/chix's Setup in a chi router), that allocation also holds
// Normalize's wrapper, which then costs none.
func Recover(opts RecoverOptions) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if nh, ok := next.(*normalizeHandler); ok {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				rw := &recoverWriter{}
				rw.Reset(w)
				defer recoverPanic(opts.Renderer, rw, r)
				nh.serve(&rw.normalize, rw, r)
			})
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rw := respwriter.New(w)
			defer recoverPanic(opts.Renderer, rw, r)
			next.ServeHTTP(rw, r)
		})
	}
}

// recoverPanic, deferred, turns a panic of the handler writing to w into the
// 500 problem rendered by rd, and lets http.ErrAbortHandler go on.
func recoverPanic(rd *errorsx.Renderer, w http.ResponseWriter, r *http.Request) {
	v := recover()
	if v == nil {
		return
	}
	if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
		panic(v)
	}
	rd.Write(w, r, errorsx.InternalServerError(&errorsx.PanicError{Value: v, Stack: debug.Stack()}))
}

// recoverWriter is the writer Recover gives a next handler that is a
// Normalize: the respwriter.Writer that tells Recover whether the response
// started, and the room for Normalize's own wrapper of it, so that the two
// take one allocation.
type recoverWriter struct {
	respwriter.Writer
	normalize normalizeWriter
}
