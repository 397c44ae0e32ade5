// Package auth authenticates requests and authorizes identities, answering
// every rejection with an RFC 9457 problem written by one errorsx renderer.
//
// The difference between 401 and 403 is the reason the package exists:
//
//   - 401 Unauthorized means "who are you?": no credentials or bad ones, and
//     re-authenticating can help. It always carries WWW-Authenticate, one
//     challenge per field line, in the order the schemes were given.
//   - 403 Forbidden means "you may not": the identity is known and lacks a
//     scope, role or permission; re-authenticating as the same identity will
//     not help. For a Bearer identity it carries
//     error="insufficient_scope" (RFC 6750 §3.1).
//   - 400 Bad Request answers a malformed request (a bare "Bearer", two
//     Authorization lines, a token sent two ways, an oversized header); for
//     Bearer it carries error="invalid_request".
//   - A failing verifier backend is a 503 (when the verifier's error wraps
//     [ErrUnavailable]) or a 500, never a 401; its error text is neither sent
//     nor logged.
//
// An application builds one [Authenticator] with [New], from its list of
// [Scheme] values ([Bearer], [Basic], [APIKey], or your own) and its
// renderer, and uses it everywhere:
//
//	a := auth.New(auth.Options{Schemes: schemes, AllowAnonymous: true, Renderer: rd})
//	r.Use(a.Authenticate)
//	r.With(a.Require(auth.RequireOptions{Scopes: []string{"orders:write"}})).Post("/orders", create)
//	key := ratelimit.FirstOf(a.SubjectKey, ratelimit.ByIP(ratelimit.IPOptions{}))
//
// [Authenticator.Authenticate] stores the [Identity] in the request context;
// [Authenticator.Require] checks scopes, roles or a predicate over it;
// [Authenticator.SubjectKey] is a key function for a rate limiter, so
// limiting by identity needs no import between the two packages. Since the
// three share the schemes, every 401 and 403 carries the same challenges.
// [Authenticator.Identify], placed before the limiter, verifies the
// credentials once for both SubjectKey and Authenticate.
// The auth/jwt subpackage provides a JWT [TokenVerifier] for Bearer.
//
// Limits worth knowing: net/http itself answers a request whose header
// section exceeds http.Server.MaxHeaderBytes (1 MiB by default) with a
// plain-text 431 before any middleware runs; Authorization values over
// [MaxCredentialsLength] that get past it are answered by this package with a
// 400 problem.
package auth
