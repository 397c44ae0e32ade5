package reference

import (
	"net/http"
	"net/url"
	"strings"
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

// Handler returns the reference site described in the package comment. It
// renders every page, and every example response through opts.Renderer, once,
// here; it panics only if the embedded templates are broken or, with a Strict
// renderer, an example lacks a required header, both of which the package's
// tests rule out. The returned handler is safe for concurrent use.
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

// siteMethods are the methods of RFC 9110 and PATCH, and siteAllow what the
// site serves: package methods answers the others.
var (
	siteMethods, _ = methods.NewSet(nil)
	siteAllow      = methods.NewAllow([]string{http.MethodGet, http.MethodHead})
)

// ServeHTTP routes a request to the index (with or without a search), a code
// page, a redirect from a number to its page, an asset, or a problem.
func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		switch siteMethods.Answer(w, r, siteAllow) {
		case methods.NotImplemented:
			s.rd.Write(w, r, errorsx.NotImplemented(r.Method))
		case methods.NotAllowed:
			s.rd.Write(w, r, errorsx.MethodNotAllowed(r.Method, siteAllow.Methods()...))
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
