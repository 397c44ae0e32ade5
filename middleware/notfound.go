package middleware

import (
	"net/http"

	"github.com/fourxx/fourxx/errorsx"
)

// NotFoundOptions configure [NotFound].
type NotFoundOptions struct {
	// Renderer writes the 404 problem; nil means errorsx.Default().
	Renderer *errorsx.Renderer
}

// NotFound returns a handler that answers every request with a 404 problem.
// Use it as a router's not-found handler (chi's r.NotFound, or the
// catch-all "/" pattern of an http.ServeMux). The detail is fixed: the
// request path is not echoed back.
func NotFound(opts NotFoundOptions) http.Handler {
	problem := errorsx.NotFound(errorsx.NotFoundDetail)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		opts.Renderer.Write(w, r, problem)
	})
}
