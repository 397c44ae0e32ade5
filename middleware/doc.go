// Package middleware holds router-agnostic net/http middlewares whose every
// error response is an RFC 9457 problem written by one errorsx.Renderer:
//
//   - [Recover]: a panic becomes a 500 problem (or, once the response has
//     started, an aborted connection), logged once by the renderer with
//     its stack;
//   - [NotFound]: a 404 problem handler for any router;
//   - [Methods]: 405 with Allow, 204 for OPTIONS, 501 for unknown methods;
//   - [BodyLimit]: 413 for bodies over a size, enforced while reading;
//   - [ContentType]: 415 for an unaccepted Content-Type or Content-Encoding;
//   - [Produces]: 406 for a client that accepts none of the offered types;
//   - [Normalize]: turns the plain-text errors of any handler (http.ServeMux,
//     legacy http.Error code) into problems.
//
// The same method answers for a go-chi/chi router, with Allow recomputed
// from the route tree, are in package middleware/chix, so that this package
// links no chi.
//
// Like chi's middleware package, each lives in its own file and has the
// signature func(http.Handler) http.Handler, or is an http.Handler when it
// ends the chain. Each takes an options struct whose Renderer field may be
// nil to use errorsx.Default() (looked up when an error is written, so
// errorsx.SetDefault at start-up is honoured). A programming error in the
// options (no MaxBytes, an invalid media type or method name) makes the
// constructor panic with a message "middleware: <Field>: <why>", as
// http.ServeMux.Handle does; options that may come from flags offer a
// Validate method that returns the same error.
//
// The method rules — 204 with Allow for OPTIONS, 501 for a method the server
// does not know, 405 with Allow otherwise, HEAD wherever GET is — are one
// implementation, shared by [Methods], [Normalize], middleware/chix and the
// reference site.
//
// The allowed path of every middleware is cheap: no allocation for Methods,
// BodyLimit (when the request declares its length), ContentType and
// Produces, one for Normalize and Recover (the response-writer wrapper).
package middleware
