package middleware

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/httpsyntax"
)

// ProducesOptions configure [Produces].
type ProducesOptions struct {
	// Renderer writes the 406 problem; nil means errorsx.Default().
	Renderer *errorsx.Renderer
	// Types lists the media types the handler can send, e.g.
	// "application/json". At least one is required.
	Types []string
}

// Produces returns a middleware that answers 406 Not Acceptable when the
// request's Accept field gives every one of opts.Types a quality of 0 (RFC
// 9110 §12.5.1, §15.5.7). A request without Accept accepts anything and
// passes. The 406 problem itself is still sent in a problem media type (the
// renderer never answers with a 406 of its own), and its detail lists
// opts.Types.
//
// Produces panics if Types is empty or holds an invalid media type.
func Produces(opts ProducesOptions) func(http.Handler) http.Handler {
	if len(opts.Types) == 0 {
		panic("middleware: Types: Produces needs at least one media type")
	}
	type typeSub struct{ typ, sub string }
	offers := make([]typeSub, len(opts.Types))
	names := make([]string, len(opts.Types))
	for i, t := range opts.Types {
		mt, _, err := mime.ParseMediaType(t)
		typ, sub, ok := strings.Cut(mt, "/")
		if err != nil || !ok || strings.Contains(mt, "*") {
			panic("middleware: Types: invalid media type " + strconv.Quote(t))
		}
		offers[i], names[i] = typeSub{typ, sub}, mt
	}
	notAcceptable := errorsx.New(http.StatusNotAcceptable,
		"This resource can send only "+strings.Join(names, ", ")+"; accept one of them.")
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			accept := r.Header["Accept"]
			if len(accept) == 0 {
				next.ServeHTTP(w, r)
				return
			}
			for _, o := range offers {
				if httpsyntax.Quality(accept, o.typ, o.sub) > 0 {
					next.ServeHTTP(w, r)
					return
				}
			}
			opts.Renderer.Write(w, r, notAcceptable)
		})
	}
}
