package middleware

import (
	"net/http"
	"slices"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/methods"
)

// MethodsOptions configure [Methods].
type MethodsOptions struct {
	// Renderer writes the 405 and 501 problems; nil means errorsx.Default().
	Renderer *errorsx.Renderer
	// Known lists every method the server implements, in the order Allow
	// fields list them. A request with a method outside Known and outside
	// the allowed methods gets 501 Not Implemented. Nil means the RFC 9110
	// methods plus PATCH: GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT,
	// OPTIONS, TRACE.
	Known []string
}

// Methods returns a middleware that lets only the served methods reach the
// next handler. HEAD is allowed whenever GET is (the handler serves it as a
// GET; net/http drops the body). Other requests are answered without
// calling the next handler:
//
//   - a known method that is not allowed → 405 problem with one Allow field
//     line listing the allowed methods in the order of Known, present even
//     when no method is allowed (RFC 9110 §10.2.1);
//   - OPTIONS → 204 No Content with that Allow field. To handle OPTIONS in
//     the next handler instead (CORS preflight, say), list
//     http.MethodOptions among methods;
//   - a method the server does not know, compared case-sensitively, so
//     "BREW" and "get" alike → 501 problem (RFC 9110 §9.1);
//   - OPTIONS * → 204 with Allow listing every known method. (net/http
//     answers OPTIONS * itself unless http.Server.DisableGeneralOptionsHandler
//     is set.)
//
// Methods panics if a method name in Known or served is not an RFC 9110
// token.
func Methods(opts MethodsOptions, served ...string) func(http.Handler) http.Handler {
	newMethodSet("Known", opts.Known)
	set := newMethodSet("Methods", opts.Known, served...)
	allowed := set.Allowed(func(m string) bool { return slices.Contains(served, m) })
	rf := methods.NewRefusals(set, allowed, errorsx.MethodNotAllowed)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for _, m := range allowed {
				if m == r.Method && !methods.IsServerOptions(r) {
					next.ServeHTTP(w, r)
					return
				}
			}
			refuse(w, r, opts.Renderer, rf)
		})
	}
}
