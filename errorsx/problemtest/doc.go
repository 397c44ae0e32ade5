// Package problemtest checks, in a team's own tests, that its error
// responses follow the standard fourxx holds itself to: RFC 9457 problem
// documents whose type is one the team's catalog documents.
//
// A [Checker] holds the renderer the server uses, whose catalog and type
// base say which types exist. [Checker.Check] reports every way one
// response breaks the standard, as an error joining one [*Violation] per
// defect; [Checker.Assert] reports them through testing.TB. [Checker.Drive]
// sends a built-in corpus of bad requests (no credentials, wrong method,
// malformed JSON, oversized body, wrong Content-Type, unknown route) to a
// handler and checks every answer.
//
// The checks of one response:
//
//   - media type: application/problem+json or application/problem+xml
//     without parameters, or application/json for a client that does not
//     accept problem+json;
//   - the body's status member equals the HTTP status, and the status is
//     4xx or 5xx;
//   - the RFC 9457 members have their types (type and instance URI
//     references, title and detail strings, status an integer), and an
//     errors list holds objects with a string detail;
//   - the header fields the status or type requires (WWW-Authenticate on a
//     401, Allow on a 405, Retry-After on a 429 …), and no-store where the
//     catalog requires it;
//   - a type the catalog knows, sent with the status the catalog gives it,
//     the title it documents (the reason phrase for about:blank), and every
//     extension member the type requires, each of its documented JSON type;
//   - errors[].pointer values that resolve in the request body, when the
//     check is given it;
//   - no internal text on a 5xx: no stack trace, Go runtime or network
//     error text, file path or SQL error in the detail or any string
//     member.
package problemtest
