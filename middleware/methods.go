package middleware

import (
	"net/http"
	"slices"

	"github.com/fourxx/fourxx/errorsx"
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

// Methods returns a middleware that lets only the given methods reach the
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
// Methods panics if a method name is not an RFC 9110 token.
func Methods(opts MethodsOptions, methods ...string) func(http.Handler) http.Handler {
	set := newMethodSet(opts.Known, methods...)
	allowed := set.allowed(func(m string) bool { return slices.Contains(methods, m) })
	refuse := set.prepare(allowed)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for _, m := range allowed {
				if m == r.Method && !isServerOptions(r) {
					next.ServeHTTP(w, r)
					return
				}
			}
			set.answer(w, r, opts.Renderer, &refuse)
		})
	}
}
