package middleware

import (
	"net/http"
	"strings"
	"sync"

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
//   - r.NotFound: a 404 problem, 501 for a method the server does not know
//     (whatever the path), and 204 with Allow for OPTIONS *.
//
// Sub-routers created later with r.Route, r.Mount or r.Group inherit the
// handlers. An app that answers OPTIONS itself (a CORS middleware in r.Use,
// or r.Options routes) is never overridden: chi only calls these handlers
// when no route matched.
func Chi(r chi.Router, opts ChiOptions) {
	set := newMethodSet(opts.Known)
	notFound := NotFound(NotFoundOptions{Renderer: opts.Renderer})
	tree := &chiTree{}
	r.Use(tree.headAsGet)
	r.NotFound(func(w http.ResponseWriter, req *http.Request) {
		if isServerOptions(req) || !set.knows(req.Method) {
			set.answer(w, req, opts.Renderer, &allowAnswer{})
			return
		}
		notFound.ServeHTTP(w, req)
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, req *http.Request) {
		if isServerOptions(req) || !set.knows(req.Method) {
			set.answer(w, req, opts.Renderer, &allowAnswer{})
			return
		}
		allowed := tree.allowed(set, req)
		if len(allowed) == 0 {
			notFound.ServeHTTP(w, req)
			return
		}
		answer := newAllowAnswer(allowed)
		set.answer(w, req, opts.Renderer, &answer)
	})
}

// allowed asks the root router, once per known method, whether a route
// matches the request path.
func (t *chiTree) allowed(set methodSet, r *http.Request) []string {
	rctx := chi.RouteContext(r.Context())
	if rctx == nil || rctx.Routes == nil {
		return nil
	}
	path := chiPath(r)
	return set.allowed(func(method string) bool { return t.match(rctx.Routes, method, path) })
}

// chiTree answers routing questions about chi routers, remembering where
// sub-routers are mounted. The memory is bounded by the number of route
// patterns: keys come from the route tree, never from requests.
type chiTree struct {
	mounts sync.Map // chiMount → chi.Routes (nil when the pattern is no mount)
}

type chiMount struct {
	routes  chi.Routes
	pattern string
}

// match reports whether routes serves method at path. chi's Find stops at
// the stub handler that Mount registers for a bare prefix ("/items" and
// "/items/"), which matches every method; chi itself forwards such a request
// to the sub-router with the path "/", so match does the same.
func (t *chiTree) match(routes chi.Routes, method, path string) bool {
	pattern := routes.Find(chi.NewRouteContext(), method, path)
	if pattern == "" {
		return false
	}
	if sub := t.mountedAt(routes, pattern); sub != nil {
		return t.match(sub, method, "/")
	}
	return true
}

// mountedAt returns the router mounted by a Mount stub whose full pattern is
// pattern, or nil.
func (t *chiTree) mountedAt(routes chi.Routes, pattern string) chi.Routes {
	key := chiMount{routes, pattern}
	if v, ok := t.mounts.Load(key); ok {
		sub, _ := v.(chi.Routes)
		return sub
	}
	sub := findMount(routes, pattern)
	t.mounts.Store(key, sub)
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
func (t *chiTree) headAsGet(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			rctx := chi.RouteContext(r.Context())
			if rctx != nil && rctx.Routes != nil {
				path := chiPath(r)
				if !t.match(rctx.Routes, http.MethodHead, path) && t.match(rctx.Routes, http.MethodGet, path) {
					rctx.RouteMethod = http.MethodGet
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
