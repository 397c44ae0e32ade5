package reference

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
	"github.com/fourxx/fourxx/internal/methods"
)

// Options configure [Handler]. The zero value serves the site at /problems/
// and uses errorsx.Default() for its own errors and the example responses.
type Options struct {
	// Renderer writes the site's own errors (404 for an unknown code, 405 for
	// a method other than GET or HEAD) and renders the example response shown
	// on every page. Nil means errorsx.Default(). Pass the renderer whose
	// TypeBase points at this site, so that the examples show the type URIs
	// that lead here. The examples are rendered with Renderer.Render, so they
	// reach neither its logger nor its Observe hook.
	Renderer *errorsx.Renderer
	// BasePath is the URL path at which clients reach the site, e.g.
	// "/problems/"; a missing trailing slash is added. Every link on the pages
	// is an absolute path under it. Empty means the path of the renderer's
	// TypeBase when it has one, else "/problems/".
	//
	// The handler accepts request paths both with this prefix
	// (mux.Handle("/problems/", h)) and without it
	// (http.StripPrefix("/problems", h)), so either way of mounting works.
	BasePath string
	// Title names the site in page titles and the header. Empty means
	// "HTTP 4xx reference".
	Title string
}

// MaxQueryLength is the number of bytes of a search query that are used;
// the rest is ignored, so a huge query costs no more than a short one.
const MaxQueryLength = 200

// assetPrefix is the path, under BasePath, of the embedded CSS and script,
// and openAPIName that of the OpenAPI document. No slug holds a slash or a
// dot, so neither can be a page's path.
const (
	assetPrefix = "assets/"
	openAPIName = "openapi.json"
)

// Handler returns the reference site described in the package comment.
// The returned handler is safe for concurrent use.
//
// Handler itself only resolves the options and takes the modification time
// that Last-Modified reports (so the validators do not depend on when the
// site is built); it allocates well under a kilobyte. The site is built on
// the first request that needs each part of it, once, and concurrent first
// requests wait for that one build:
//
//   - the first request for a page (or for a name that might be one)
//     renders every page in both representations, with every example
//     response through opts.Renderer: for the standard catalog, about 5 ms
//     of CPU and 1.3 MB allocated, after which the site keeps about 280 KB
//     live, nearly all of it the pages' bytes;
//   - the first request for openapi.json encodes the OpenAPI document
//     (about 20 KB kept), and the first for an asset reads the embedded
//     stylesheet and script (shared by every site);
//   - search results are rendered per request, with templates parsed on
//     the first search and shared by every site.
//
// Rendering panics only if the embedded templates are broken or, with a
// Strict renderer, an example lacks a required header, both of which the
// package's tests rule out (a team type's example carries every header
// field the type requires, with an example value); such a panic happens
// on the request that builds the site, and again on every later one. To
// build the site (and meet such a panic) at start-up instead, serve it one
// request before serving traffic.
func Handler(opts Options) http.Handler {
	rd := opts.Renderer
	if rd == nil {
		rd = errorsx.Default()
	}
	base := opts.BasePath
	if base == "" {
		base = basePathOf(rd.TypeBase())
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	title := opts.Title
	if title == "" {
		title = "HTTP 4xx reference"
	}
	return newSite(rd, base, title, time.Now())
}

// methodRules are the methods of RFC 9110 and PATCH, and the methods the
// site serves: package methods answers the others.
type methodRules struct {
	known *methods.Set
	allow *methods.Allow
}

// siteMethods returns the site's methodRules, built on the first request
// with a method other than GET or HEAD.
var siteMethods = sync.OnceValue(func() methodRules {
	known, _ := methods.NewSet(nil)
	return methodRules{known: known, allow: methods.NewAllow([]string{http.MethodGet, http.MethodHead})}
})

// ServeHTTP routes a request to the index (with or without a search), a code
// page, a redirect from a number to its page, an asset, or a problem.
func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		rules := siteMethods()
		switch rules.known.Answer(w, r, rules.allow) {
		case methods.NotImplemented:
			s.rd.Write(w, r, errorsx.NotImplemented(r.Method))
		case methods.NotAllowed:
			s.rd.Write(w, r, errorsx.MethodNotAllowed(r.Method, rules.allow.Methods()...))
		}
		return
	}
	name := s.relative(r.URL.Path)
	switch {
	case name == "":
		s.serveIndex(w, r)
	case name == openAPIName:
		s.serve(w, r, s.openapi())
	case strings.HasPrefix(name, assetPrefix):
		if res, ok := siteAssets()[name[len(assetPrefix):]]; ok {
			s.serve(w, r, res)
			return
		}
		s.rd.Write(w, r, errorsx.NotFound("The reference site has no such file."))
	default:
		if p, ok := s.pages().bySlug[name]; ok {
			s.serve(w, r, p.pick(wantsJSON(r)))
			return
		}
		if c, ok := s.lookupNumber(name); ok {
			s.redirect(w, s.base+c.Slug)
			return
		}
		s.rd.Write(w, r, errorsx.NotFound("No documented problem type has this name or number; the index lists them all."))
	}
}

// relative returns the request path below the site's base path, accepting a
// path that still carries the base and one that a StripPrefix removed it from.
func (s *site) relative(path string) string {
	if rest, ok := strings.CutPrefix(path, s.base); ok {
		return rest
	}
	if path+"/" == s.base {
		return ""
	}
	return strings.TrimPrefix(path, "/")
}

// lookupNumber finds the documented code (4xx or 5xx) named by a
// three-digit status number.
func (s *site) lookupNumber(name string) (catalog.Entry, bool) {
	if len(name) != 3 {
		return catalog.Entry{}, false
	}
	status := 0
	for i := range 3 {
		d := name[i]
		if d < '0' || d > '9' {
			return catalog.Entry{}, false
		}
		status = status*10 + int(d-'0')
	}
	return s.cat.ForStatus(status)
}

// redirect answers 301 Moved Permanently to location: a status number's
// canonical address is its slug, the name the type URIs use.
func (s *site) redirect(w http.ResponseWriter, location string) {
	h := w.Header()
	h["Location"] = []string{location}
	h["Cache-Control"] = cacheControl
	w.WriteHeader(http.StatusMovedPermanently)
}

// basePathOf returns the URL path of a type base URI, or "/problems/" when it
// has none.
func basePathOf(typeBase string) string {
	u, err := url.Parse(typeBase)
	if err != nil || u.Path == "" || u.Path == "/" {
		return "/problems/"
	}
	return u.Path
}
