package errorsx

import (
	"net/http"

	"github.com/fourxx/fourxx/internal/respwriter"
)

// HandlerFunc is an HTTP handler that reports failure by returning an error
// instead of writing it.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Handler adapts fn to an http.HandlerFunc that renders a returned error
// with the default renderer, looked up per request; see [Renderer.Handler].
func Handler(fn HandlerFunc) http.HandlerFunc { return (*Renderer)(nil).Handler(fn) }

// Handler adapts fn to an http.HandlerFunc, which routers such as chi take
// as it is. A returned *Problem is written as it is; any other error goes
// through Options.Map or becomes a 500 whose cause is logged, never sent. A
// nil error writes nothing more.
//
// Unless w already is a [StartedWriter], fn gets a wrapper of it that
// records whether the response started (and keeps Flush, Hijack and
// io.ReaderFrom, and reaches the rest through Unwrap), so that an error
// returned after fn began writing aborts the response instead of gluing a
// problem onto it (see [Renderer.Write]).
func (rd *Renderer) Handler(fn HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, ok := w.(StartedWriter); !ok {
			w = respwriter.New(w)
		}
		if err := fn(w, r); err != nil {
			rd.Write(w, r, err)
		}
	}
}
