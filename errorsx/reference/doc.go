// Package reference serves a problem-type catalog (errorsx/catalog) as a
// small website — the registered HTTP 4xx codes, the team's own types and
// the documented 5xx — so that every problem type URI the renderer emits can
// be dereferenced to human documentation (RFC 9457 §3.1.1). The catalog is
// the renderer's: pass the renderer built with the team's catalog.
//
// Mount [Handler] at the path that the renderer's [errorsx.Options] TypeBase
// points at:
//
//	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://api.example.com/problems/"})
//	mux.Handle("/problems/", reference.Handler(reference.Options{Renderer: rd}))
//
// The site has
//
//   - an index at BasePath listing every 4xx code, the team's types grouped
//     by status, and the 5xx codes, with a search box whose results are ranked
//     by [catalog.Catalog.Search] over every entry; the search is a plain GET
//     form (?q=) that works without JavaScript, and a small embedded script
//     filters as the user types;
//   - one page per entry at BasePath + slug (/problems/too-many-requests,
//     /problems/order-locked), with its extension members and an example
//     response written by the renderer; a status number (/problems/429)
//     answers 301 Moved Permanently to the standard entry's slug, the
//     canonical address;
//   - the OpenAPI 3.1 components of the catalog (errorsx/openapi) at
//     BasePath + "openapi.json";
//   - the same content as JSON when the client prefers application/json
//     (Accept), including search results as a ranked list.
//
// Every page, with its example response rendered by the configured renderer,
// is built once, on the first request for one (see [Handler] for what that
// costs); serving a page is then a map lookup. Responses carry
// an ETag (a hash of the bytes) and Last-Modified, answer conditional requests
// with 304, and send Vary: Accept. HTML responses carry a Content-Security-
// Policy that allows only the site itself: no external fonts, scripts or
// stylesheets are used. Errors (unknown code, wrong method) are problem
// documents written by the renderer.
package reference
