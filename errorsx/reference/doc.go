// Package reference serves the fourxx catalog of registered HTTP 4xx codes as
// a small website, so that every problem type URI the renderer emits can be
// dereferenced to human documentation (RFC 9457 §3.1.1).
//
// Mount [Handler] at the path that the renderer's [errorsx.Options] TypeBase
// points at:
//
//	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://api.example.com/problems/"})
//	mux.Handle("/problems/", reference.Handler(reference.Options{Renderer: rd}))
//
// The site has
//
//   - an index at BasePath listing every code, with a search box whose results
//     are ranked by [errorsx.Search]; the search is a plain GET form (?q=) that
//     works without JavaScript, and a small embedded script filters as the
//     user types;
//   - one page per code at BasePath + slug (/problems/too-many-requests); the
//     number (/problems/429) answers 301 Moved Permanently to the slug, the
//     canonical address;
//   - the same content as JSON when the client prefers application/json
//     (Accept), including search results as a ranked list.
//
// Every page, with its example response rendered by the configured renderer,
// is built once by [Handler]; serving a page is a map lookup. Responses carry
// an ETag (a hash of the bytes) and Last-Modified, answer conditional requests
// with 304, and send Vary: Accept. HTML responses carry a Content-Security-
// Policy that allows only the site itself: no external fonts, scripts or
// stylesheets are used. Errors (unknown code, wrong method) are problem
// documents written by the renderer.
package reference
