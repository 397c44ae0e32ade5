package chix

import (
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"github.com/go-chi/chi/v5"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/methods"
	"github.com/fourxx/fourxx/middleware"
)

// Options configure [Setup].
type Options struct {
	// Renderer writes every problem; nil means errorsx.Default().
	Renderer *errorsx.Renderer
	// Known lists every method the server implements, as in
	// middleware.MethodsOptions. Nil means the RFC 9110 methods plus PATCH.
	// A method routed in chi but missing from Known is neither listed in
	// Allow nor accepted on a path that lacks a route for it.
	Known []string
	// Logger receives middleware.Normalize's warnings about handlers that
	// send a broken error response; nil means slog.Default().
	Logger *slog.Logger
}

// Setup makes r answer what it cannot route with problems, and convert the
// plain-text errors of whatever it routes to. Call it right after
// chi.NewRouter and before any route, because it adds middlewares with
// r.Use (chi panics otherwise). It sets:
//
//   - middleware.Normalize around everything r serves, so a handler mounted
//     with r.Mount or r.Handle — an http.ServeMux with its own plain-text
//     404 and 405, an http.FileServer, legacy code calling http.Error —
//     answers with problems too, keeping its status and headers (Allow
//     …); responses that are already problems, or JSON, pass untouched;
//   - a HEAD-as-GET middleware: a HEAD request to a path with a GET route and
//     no HEAD route is served by the GET handler (RFC 9110 §9.1 requires
//     HEAD wherever GET is);
//   - r.MethodNotAllowed: chi does not tell custom handlers which methods a
//     path has, so the handler recomputes them from the route tree (nested
//     routers and Mount included) and answers like middleware.Methods: 405
//     with Allow (HEAD listed whenever GET is), 204 with Allow for OPTIONS,
//     501 for a method the server does not know (chi sends those here too);
//   - r.NotFound: the 404 problem of middleware.NotFound, 501 for a method
//     the server does not know (whatever the path), and 204 with Allow for
//     OPTIONS *.
//
// Sub-routers created later with r.Route, r.Mount or r.Group inherit the
// handlers. An app that answers OPTIONS itself (a CORS middleware in r.Use,
// or r.Options routes) is never overridden: chi only calls these handlers
// when no route matched.
//
// A routed request costs one allocation more than on a bare chi router
// (Normalize's response-writer wrapper).
//
// Setup panics, as middleware.Methods does, if a name in Known is not an
// RFC 9110 token.
func Setup(r chi.Router, opts Options) {
	set, err := methods.NewSet(opts.Known)
	if err != nil {
		panic("chix: Known: " + err.Error())
	}
	rs := &resolver{set: set, rd: opts.Renderer, notFound: middleware.NotFound(middleware.NotFoundOptions{Renderer: opts.Renderer})}
	r.Use(middleware.Normalize(middleware.NormalizeOptions{Renderer: opts.Renderer, Known: opts.Known, Route: routePattern, Logger: opts.Logger}))
	r.Use(rs.headAsGet)
	r.NotFound(rs.serveNotFound)
	r.MethodNotAllowed(rs.serveMethodNotAllowed)
}

// resolver answers the requests chi could not route.
type resolver struct {
	set      *methods.Set
	rd       *errorsx.Renderer
	notFound http.Handler
	mu       sync.RWMutex
	mounts   map[mountKey]chi.Routes // nil value when the pattern is no mount
}

// serveNotFound answers a path with no route.
func (rs *resolver) serveNotFound(w http.ResponseWriter, r *http.Request) {
	if methods.IsServerOptions(r) || !rs.set.Knows(r.Method) {
		rs.refuse(w, r, noMethods)
		return
	}
	rs.notFound.ServeHTTP(w, r)
}

// serveMethodNotAllowed answers a path whose routes do not serve the method.
func (rs *resolver) serveMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	if methods.IsServerOptions(r) || !rs.set.Knows(r.Method) {
		rs.refuse(w, r, noMethods)
		return
	}
	allowed := rs.allowed(r)
	if len(allowed) == 0 {
		rs.notFound.ServeHTTP(w, r)
		return
	}
	rs.refuse(w, r, methods.NewAllow(allowed))
}

// noMethods is the Allow of a resource that serves nothing; the requests
// refused with it (OPTIONS *, unknown methods) never show it.
var noMethods = methods.NewAllow(nil)

// refuse renders the answer of package methods to a method the resource
// does not serve.
func (rs *resolver) refuse(w http.ResponseWriter, r *http.Request, a *methods.Allow) {
	switch rs.set.Answer(w, r, a) {
	case methods.NotImplemented:
		rs.rd.Write(w, r, errorsx.NotImplemented(r.Method))
	case methods.NotAllowed:
		rs.rd.Write(w, r, errorsx.MethodNotAllowed(r.Method, a.Methods()...))
	}
}

// allowed asks the root router, once per known method, whether a route
// matches the request path.
func (rs *resolver) allowed(r *http.Request) []string {
	rctx := chi.RouteContext(r.Context())
	if rctx == nil || rctx.Routes == nil {
		return nil
	}
	path, probe := routePath(r), chi.NewRouteContext()
	return rs.set.Allowed(func(method string) bool { return rs.match(probe, rctx.Routes, method, path) })
}

// mountKey names a route pattern of one router. The memory of mounts is
// bounded by the number of route patterns: keys come from the route tree,
// never from requests.
type mountKey struct {
	routes  chi.Routes
	pattern string
}

// match reports whether routes serves method at path, using probe (reset
// first) as chi's scratch space. chi's Find stops at the stub handler that
// Mount registers for a bare prefix ("/items" and "/items/"), which matches
// every method; chi itself forwards such a request to the sub-router with
// the path "/", so match does the same.
func (rs *resolver) match(probe *chi.Context, routes chi.Routes, method, path string) bool {
	probe.Reset()
	pattern := routes.Find(probe, method, path)
	if pattern == "" {
		return false
	}
	if sub := rs.mountedAt(routes, pattern); sub != nil {
		return rs.match(probe, sub, method, "/")
	}
	return true
}

// mountedAt returns the router mounted by a Mount stub whose full pattern is
// pattern, or nil.
func (rs *resolver) mountedAt(routes chi.Routes, pattern string) chi.Routes {
	key := mountKey{routes, pattern}
	rs.mu.RLock()
	sub, ok := rs.mounts[key]
	rs.mu.RUnlock()
	if ok {
		return sub
	}
	sub = findMount(routes, pattern)
	rs.mu.Lock()
	if rs.mounts == nil {
		rs.mounts = make(map[mountKey]chi.Routes)
	}
	rs.mounts[key] = sub
	rs.mu.Unlock()
	return sub
}

// findMount walks the route tree for the sub-router mounted exactly at
// pattern.
func findMount(routes chi.Routes, pattern string) chi.Routes {
	for _, rt := range routes.Routes() {
		if rt.SubRoutes == nil {
			continue
		}
		prefix := strings.TrimSuffix(rt.Pattern, "/*")
		switch {
		case pattern == prefix || pattern == prefix+"/":
			return rt.SubRoutes
		case strings.HasPrefix(pattern, prefix+"/"):
			if sub := findMount(rt.SubRoutes, pattern[len(prefix):]); sub != nil {
				return sub
			}
		}
	}
	return nil
}

// headAsGet routes a HEAD request to the GET handler of its path when the
// path has no HEAD route of its own.
func (rs *resolver) headAsGet(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			rctx := chi.RouteContext(r.Context())
			if rctx != nil && rctx.Routes != nil {
				path, probe := routePath(r), chi.NewRouteContext()
				if !rs.match(probe, rctx.Routes, http.MethodHead, path) && rs.match(probe, rctx.Routes, http.MethodGet, path) {
					rctx.RouteMethod = http.MethodGet
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// routePattern names the route chi matched, sub-routers included, for
// Normalize's warnings.
func routePattern(r *http.Request) string {
	if rctx := chi.RouteContext(r.Context()); rctx != nil {
		return rctx.RoutePattern()
	}
	return ""
}

// routePath is the path the root chi router routes on.
func routePath(r *http.Request) string {
	if r.URL.RawPath != "" {
		return r.URL.RawPath
	}
	if r.URL.Path == "" {
		return "/"
	}
	return r.URL.Path
}
