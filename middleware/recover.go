package middleware

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/respwriter"
)

// RecoverOptions configure [Recover].
type RecoverOptions struct {
	// Renderer writes the 500 problem; nil means errorsx.Default().
	Renderer *errorsx.Renderer
	// Logger receives one Error record per panic with the panic value and
	// the stack; nil means slog.Default().
	Logger *slog.Logger
}

// Recover returns a middleware that turns a panic in the next handler into a
// 500 problem. The panic value and stack are logged at level Error; the
// client sees only the renderer's generic 500 body. Header fields the
// handler set to describe its own body (Content-Type, Content-Length,
// Content-Encoding) are removed first; other fields are kept.
//
// A panic with http.ErrAbortHandler is re-panicked untouched, so net/http
// aborts the response silently as documented. If the response had already
// started when the panic happened, nothing more is written: after logging,
// Recover panics with http.ErrAbortHandler so the server cuts the
// connection and the client sees a truncated response instead of one that
// looks complete.
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
				logger := opts.Logger
				if logger == nil {
					logger = slog.Default()
				}
				logger.LogAttrs(r.Context(), slog.LevelError, "fourxx: panic serving request",
					slog.String("method", r.Method), slog.String("path", r.URL.Path),
					slog.Any("panic", v), slog.String("stack", string(debug.Stack())))
				if rw.Started() {
					panic(http.ErrAbortHandler)
				}
				dropContentHeaders(rw.Header())
				rendererOr(opts.Renderer).Write(rw, r, errorsx.Internal(fmt.Errorf("panic: %v", v)))
			}()
			next.ServeHTTP(rw, r)
		})
	}
}
