package middleware

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fourxx/fourxx/errorsx"
)

// ChiOptions configure [Chi].
type ChiOptions struct {
	// Renderer writes the 404, 405 and 501 problems; nil means
	// errorsx.Default().
	Renderer *errorsx.Renderer
	// Known lists every method the server implements, as in
	// [MethodsOptions]. Nil means the RFC 9110 methods plus PATCH. A method
	// routed in chi but missing from Known is neither listed in Allow nor
	// accepted on a path that lacks a route for it.
	Known []string
}

// Chi makes a chi router answer what it cannot route with problems, in one
// line of setup. Call it right after chi.NewRouter and before any route,
// because it adds a middleware with r.Use (chi panics otherwise). It sets:
//
//   - a HEAD-as-GET middleware: a HEAD request to a path with a GET route and
//     no HEAD route is served by the GET handler (RFC 9110 §9.1 requires
//     HEAD wherever GET is);
//   - r.MethodNotAllowed: chi does not tell custom handlers which methods a
//     path has, so the handler recomputes them from the route tree (nested
//     routers and Mount included) and answers like [Methods]: 405 with
//     Allow (HEAD listed whenever GET is), 204 with Allow for OPTIONS, 501
//     for a method the server does not know (chi sends those here too);
//   - r.NotFound: a 404 problem, and 204 with Allow for OPTIONS *.
//
// Sub-routers created later with r.Route, r.Mount or r.Group inherit the
// handlers. An app that answers OPTIONS itself (a CORS middleware in r.Use,
// or r.Options routes) is never overridden: chi only calls these handlers
// when no route matched.
func Chi(r chi.Router, opts ChiOptions) {
	set := newMethodSet(opts.Known)
	notFound := NotFound(NotFoundOptions{Renderer: opts.Renderer})
	r.Use(chiHeadAsGet)
	r.NotFound(func(w http.ResponseWriter, req *http.Request) {
		if isServerOptions(req) {
			set.answer(w, req, opts.Renderer, nil)
			return
		}
		notFound.ServeHTTP(w, req)
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, req *http.Request) {
		if isServerOptions(req) || !set.knows(req.Method) {
			set.answer(w, req, opts.Renderer, nil)
			return
		}
		allowed := chiAllowed(set, req)
		if len(allowed) == 0 {
			notFound.ServeHTTP(w, req)
			return
		}
		set.answer(w, req, opts.Renderer, allowed)
	})
}

// chiAllowed asks the root router, once per known method, whether a route
// matches the request path.
func chiAllowed(set methodSet, r *http.Request) []string {
	rctx := chi.RouteContext(r.Context())
	if rctx == nil || rctx.Routes == nil {
		return nil
	}
	path := chiPath(r)
	probe := chi.NewRouteContext()
	return set.allowed(func(method string) bool {
		probe.Reset()
		return rctx.Routes.Match(probe, method, path)
	})
}

// chiHeadAsGet routes a HEAD request to the GET handler of its path when the
// path has no HEAD route of its own.
func chiHeadAsGet(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			rctx := chi.RouteContext(r.Context())
			if rctx != nil && rctx.Routes != nil {
				path := chiPath(r)
				probe := chi.NewRouteContext()
				if !rctx.Routes.Match(probe, http.MethodHead, path) {
					probe.Reset()
					if rctx.Routes.Match(probe, http.MethodGet, path) {
						rctx.RouteMethod = http.MethodGet
					}
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// chiPath is the path the root chi router routes on.
func chiPath(r *http.Request) string {
	if r.URL.RawPath != "" {
		return r.URL.RawPath
	}
	if r.URL.Path == "" {
		return "/"
	}
	return r.URL.Path
}
