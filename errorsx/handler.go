package errorsx

import "net/http"

// HandlerFunc is an HTTP handler that reports failure by returning an error
// instead of writing it.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Handler adapts fn to an http.Handler that renders a returned error with the
// default renderer; see [Renderer.Handler].
func Handler(fn HandlerFunc) http.Handler { return Default().Handler(fn) }

// Handler adapts fn to an http.Handler. A returned *Problem is written as it
// is; any other error goes through Options.Map or becomes a 500 whose cause
// is logged, never sent. A nil error writes nothing more.
func (rd *Renderer) Handler(fn HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			rd.Write(w, r, err)
		}
	})
}
