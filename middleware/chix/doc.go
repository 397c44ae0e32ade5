// Package chix makes a go-chi/chi router answer everything it cannot route,
// and every plain-text error its handlers write, with RFC 9457 problems:
// one call of [Setup] right after chi.NewRouter.
//
// It lives apart from package middleware so that an application on the
// standard library's http.ServeMux links no chi, and is named chix so that
// it does not collide with chi, or with chi's own middleware package, in an
// application's imports.
//
// chi runs the middlewares of a router before it routes the request, and a
// group's middlewares before method routing; so a 405, a 501 and an OPTIONS
// answer come from the handlers Setup installs before any authentication
// of a route group sees the request: a wrong method is never answered 401.
// Put authentication in the route groups (r.Route, r.Group) with anonymous
// requests allowed, and require what each route needs with r.With.
package chix
