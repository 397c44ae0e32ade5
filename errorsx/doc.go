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
//   - Problems by type: [OfType] names a type of the renderer's catalog
//     (package errorsx/catalog: the registered 4xx codes, the documented 5xx
//     and the team's own types), and the renderer fills its type URI, title
//     and status from the catalog, reporting a status or member that breaks
//     it. The renderer reads titles, slugs, required headers and caching
//     from the same catalog.
//   - The client side: [FromResponse] decodes a problem document (JSON or XML)
//     and its Retry-After header, so Go clients can branch on type and status.
//
// Middlewares in the rest of the suite build a *Problem and hand it to a
// Renderer; handlers can return one through [Handler]. A nil *Renderer, in
// any package of the suite, means [Default], looked up when it writes.
//
// # Constructors
//
// Each constructor is named after the RFC 9110 reason phrase of its status,
// without spaces: [BadRequest], [Conflict], [PreconditionFailed],
// [UnprocessableContent], [InternalServerError] … Test for a problem with
// errors.As and its Status (and Type, for an API's own types), not by
// comparing errors.
//
// # Headers a problem keeps
//
// A handler may set header fields and then fail. The problem is not the
// body those fields were meant for, so the renderer drops, from the
// response, the fields that describe that body: Cache-Control and Expires,
// the validators ETag and Last-Modified, Content-Disposition,
// Content-Encoding, Content-Language, Content-Length, Content-Location,
// Content-Range, Content-Digest, Repr-Digest, Digest, Location and Trailer.
// The problem's own Header fields, and the catalog's Cache-Control, are set
// after that. Every other field survives, notably those about the request
// and the connection: Vary (Accept is added to it), Access-Control-*,
// Set-Cookie, RateLimit, RateLimit-Policy, Retry-After, WWW-Authenticate,
// Strict-Transport-Security and Content-Security-Policy, request ids.
//
// # A response that already started
//
// A problem cannot be sent after a status line: the renderer checks every
// [StartedWriter] on the writer's Unwrap chain ([Renderer.Handler] adds one
// when there is none) and, when the response started, logs the problem and
// panics with http.ErrAbortHandler. net/http then closes the connection
// (HTTP/1) or resets the stream (HTTP/2) without logging a panic, so the
// client sees a truncated response instead of a partial body that looks
// complete. A recovering middleware must re-panic http.ErrAbortHandler.
//
// # Logging
//
// A problem the client caused — every 4xx, a 501 (an unknown method), a 5xx
// whose cause is the client cancelling the request — is logged at Debug; a
// failure of the server at Error, with its cause and, for a [PanicError],
// the stack, in one line. The same line at Warn or above is logged at most
// once per Options.LogEvery; the next one says how many were suppressed, so
// no client can flood the error log.
//
// # XML
//
// problem+xml carries the same members as problem+json. A member name that
// cannot be an XML element name (a space, a leading digit, a "xml" prefix,
// a colon …) is written as <member name="…">, and [FromResponse] reads it
// back under its name.
package errorsx
