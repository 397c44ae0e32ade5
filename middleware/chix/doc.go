// Package chix makes a go-chi/chi router answer everything it cannot route,
// and every plain-text error its handlers write, with RFC 9457 problems:
// one call of [Setup] right after chi.NewRouter.
//
// It lives apart from package middleware so that an application on the
// standard library's http.ServeMux links no chi, and is named chix so that
// it does not collide with chi, or with chi's own middleware package, in an
// application's imports.
//
// chi runs the middlewares of a router, and of a sub-router made with
// r.Route or r.Mount, before that router routes the request by method. A
// middleware there that refused anonymous requests would answer a wrong
// method, or a CORS preflight, with 401 instead of the 405, 501 or 204 that
// Setup's handlers give. So authenticate there with anonymous requests
// allowed, and require what each route needs with r.With, which chi runs
// after method routing.
package chix
