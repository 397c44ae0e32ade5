// Package errorsx is the one place where fourxx turns an error into an HTTP
// response: an RFC 9457 Problem Details document with the headers its status
// code requires.
//
// It holds four things:
//
//   - [Problem], the document itself plus the response headers that must go
//     with it (WWW-Authenticate, Allow, Retry-After …) and a wrapped cause that
//     is logged but never sent. Constructors such as [Unauthorized],
//     [MethodNotAllowed] and [TooManyRequests] take what their status requires,
//     so a required header cannot be forgotten.
//   - [Renderer], which negotiates application/problem+json,
//     application/problem+xml or application/json, applies the catalog's
//     titles, type URIs and caching rules, hides the internals of 5xx errors,
//     logs with log/slog and never answers an error with 406 or an empty body.
//   - The catalog ([Codes], [Lookup], [Search]): every registered 4xx code
//     with its meaning, causes, fixes, required headers and RFC reference — the
//     documentation that the renderer's type URIs point at. [ServerCodes]
//     documents the 5xx codes the suite sends, so their type URIs resolve too.
//   - The client side: [FromResponse] decodes a problem document (JSON or XML)
//     and its Retry-After header, so Go clients can branch on type and status.
//
// Middlewares in the rest of the suite build a *Problem and hand it to a
// Renderer; handlers can return one through [Handler].
package errorsx
