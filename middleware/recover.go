package middleware

import (
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/respwriter"
)

// RecoverOptions configure [Recover].
type RecoverOptions struct {
	// Renderer writes the 500 problem and logs it, with the panic value and
	// stack as its cause; nil means errorsx.Default().
	Renderer *errorsx.Renderer
}

// Recover returns a middleware that turns a panic in the next handler into a
// 500 problem. The renderer writes it and logs it once, at level Error,
// with the panic value and the stack as its cause; the client sees only the
// renderer's generic 500 body. Header fields the handler set to describe
// its own body (Content-Type, Content-Length, Content-Encoding) are removed
// first; other fields are kept.
//
// A panic with http.ErrAbortHandler is re-panicked untouched, so net/http
// aborts the response silently as documented. If the response had already
// started when the panic happened, nothing more is written: the renderer
// logs the problem it could not send, then Recover panics with
// http.ErrAbortHandler so the server cuts the connection and the client
// sees a truncated response instead of one that looks complete.
//
// Put Recover first (outermost) so that it covers every other middleware.
func Recover(opts RecoverOptions) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rw := respwriter.New(w)
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					panic(v)
				}
				started := rw.Started()
				if !started {
					dropContentHeaders(rw.Header())
				}
				rendererOr(opts.Renderer).Write(rw, r, errorsx.Internal(&panicError{value: v, stack: debug.Stack()}))
				if started {
					panic(http.ErrAbortHandler)
				}
			}()
			next.ServeHTTP(rw, r)
		})
	}
}

// panicError is a recovered panic, the cause of Recover's 500 problem. Its
// message holds the panic value and the stack, for the log.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v\n%s", e.value, e.stack) }

// Unwrap returns the panic value when it is an error.
func (e *panicError) Unwrap() error {
	err, _ := e.value.(error)
	return err
}
