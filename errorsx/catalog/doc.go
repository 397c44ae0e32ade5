// Package catalog holds the documented problem types of an API as one
// value: the 29 registered HTTP 4xx status codes, the 5xx codes the fourxx
// suite sends (500–504), and a team's own types such as "out-of-credit",
// each with its slug, status, title, prose (summary, meaning, causes,
// fixes), the response fields its status requires, and the extension
// members its problems carry.
//
// A team builds its catalog once at start-up with [New], which refuses an
// invalid or duplicate slug, a status outside 400–599 and malformed member
// descriptions, and hands the same value to every part that reads it: the
// renderer (errorsx.Options.Catalog) fills a typed problem's type, title
// and status from it and checks required headers and members; the
// reference site (errorsx/reference) shows a page per entry; errorsx/openapi
// generates OpenAPI components from it; errorsx/problemtest checks a
// team's responses against it. [Standard] is the catalog without team
// types.
//
// Every lookup returns copies, so no caller can change what the renderer
// relies on. Nothing is built when the package is initialised: the
// standard catalog is assembled on the first call to [Standard], and a
// catalog's search index on its first [Catalog.Search].
package catalog
