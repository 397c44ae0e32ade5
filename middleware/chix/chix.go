package chix

import (
	"log/slog"
	"net/http"
	"slices"
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
// (Normalize's response-writer wrapper), none more behind a
// middleware.Recover added with r.Use right before Setup, whose wrapper holds
// Normalize's. The 405 answers are prepared once per set of methods a path
// serves and shared, so a 405 on the routes of one router allocates no more
// than a routed request.
//
// Setup panics, as middleware.Methods does, if a name in Known is not an
// RFC 9110 token.
func Setup(r chi.Router, opts Options) {
	set, err := methods.NewSet(opts.Known)
	if err != nil {
		panic("chix: Known: " + err.Error())
	}
	rs := &resolver{set: set, rd: opts.Renderer, notFound: middleware.NotFound(middleware.NotFoundOptions{Renderer: opts.Renderer})}
	rs.probes.New = func() any { return chi.NewRouteContext() }
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
	probes   sync.Pool // *chi.Context scratch space for route lookups
	mu       sync.RWMutex
	mounts   map[mountKey]chi.Routes // nil value when the pattern is no mount
	// refusals holds the prepared 405 answers of each set of methods a path
	// serves, keyed by the set as a bitmap over set.Known() (see
	// allowedKey); nil when the path serves none. Keys come from the route
	// tree, never from requests, so the map is bounded by it.
	refusals map[string]*methods.Refusals[*errorsx.Problem]
}

// serveNotFound answers a path with no route.
func (rs *resolver) serveNotFound(w http.ResponseWriter, r *http.Request) {
	if methods.IsServerOptions(r) || !rs.set.Knows(r.Method) {
		rs.refuseUnrouted(w, r)
		return
	}
	rs.notFound.ServeHTTP(w, r)
}

// serveMethodNotAllowed answers a path whose routes do not serve the method.
func (rs *resolver) serveMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	if methods.IsServerOptions(r) || !rs.set.Knows(r.Method) {
		rs.refuseUnrouted(w, r)
		return
	}
	rf := rs.refusalsFor(r)
	if rf == nil {
		rs.notFound.ServeHTTP(w, r)
		return
	}
	switch outcome, p := rf.Answer(w, r); outcome {
	case methods.NotImplemented:
		rs.rd.Write(w, r, errorsx.NotImplemented(r.Method))
	case methods.NotAllowed:
		rs.rd.Write(w, r, p)
	}
}

// noMethods is the Allow of a resource that serves nothing; the requests
// refused with it (OPTIONS *, unknown methods) never show it.
var noMethods = methods.NewAllow(nil)

// refuseUnrouted answers OPTIONS * (204 with every known method) and a
// method the server does not know (501), whatever the path.
func (rs *resolver) refuseUnrouted(w http.ResponseWriter, r *http.Request) {
	if rs.set.Answer(w, r, noMethods) == methods.NotImplemented {
		rs.rd.Write(w, r, errorsx.NotImplemented(r.Method))
	}
}

// refusalsFor returns the prepared answers of the methods the request path
// serves, asking the root router once per known method whether a route
// matches, or nil when it serves none. Each set of methods is prepared the
// first time a path serving it is refused.
func (rs *resolver) refusalsFor(r *http.Request) *methods.Refusals[*errorsx.Problem] {
	rctx := chi.RouteContext(r.Context())
	if rctx == nil || rctx.Routes == nil {
		return nil
	}
	var buf [16]byte
	key := rs.allowedKey(buf[:0], rctx.Routes, routePath(r))
	rs.mu.RLock()
	rf, ok := rs.refusals[string(key)]
	rs.mu.RUnlock()
	if ok {
		return rf
	}
	known := rs.set.Known()
	allowed := rs.set.Allowed(func(m string) bool {
		i := len(known) // the bit of GET, which HEAD follows, known or not
		if m != http.MethodGet {
			i = slices.Index(known, m)
		}
		return key[i/8]&(1<<(i%8)) != 0
	})
	if len(allowed) > 0 {
		rf = methods.NewRefusals(rs.set, allowed, errorsx.MethodNotAllowed)
	}
	rs.mu.Lock()
	if rs.refusals == nil {
		rs.refusals = make(map[string]*methods.Refusals[*errorsx.Problem])
	}
	rs.refusals[string(key)] = rf
	rs.mu.Unlock()
	return rf
}

// allowedKey appends to b the bitmap of the methods routes serves at path:
// bit i for the i-th known method, then one bit for GET (which decides
// HEAD even when GET is not among the known methods).
func (rs *resolver) allowedKey(b []byte, routes chi.Routes, path string) []byte {
	known := rs.set.Known()
	b = append(b, make([]byte, len(known)/8+1)...)
	probe := rs.probes.Get().(*chi.Context)
	defer rs.probes.Put(probe)
	get := false
	for i, m := range known {
		if rs.match(probe, routes, m, path) {
			b[i/8] |= 1 << (i % 8)
			get = get || m == http.MethodGet
		}
	}
	if get || (!rs.set.Knows(http.MethodGet) && rs.match(probe, routes, http.MethodGet, path)) {
		b[len(known)/8] |= 1 << (len(known) % 8)
	}
	return b
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
				path, probe := routePath(r), rs.probes.Get().(*chi.Context)
				if !rs.match(probe, rctx.Routes, http.MethodHead, path) && rs.match(probe, rctx.Routes, http.MethodGet, path) {
					rctx.RouteMethod = http.MethodGet
				}
				rs.probes.Put(probe)
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
