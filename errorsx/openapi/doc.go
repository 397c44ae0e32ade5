// Package openapi generates OpenAPI 3.1 components from a problem-type
// catalog, so that an API's specification documents every error it sends
// from the same source as the renderer, the reference site and the tests.
//
// [Document] returns a complete OpenAPI 3.1 document whose components a
// team merges into its own specification (or references from it):
//
//   - schemas: Problem (the RFC 9457 document), ValidationProblem (422, with
//     errors[] of detail, pointer, parameter, header and code),
//     RateLimitProblem (429, with violated_policies), and one schema per team
//     type, named by its slug, with its extension members;
//   - responses: one per documented status and one per team type, named by
//     slug (too-many-requests, order-locked), each with the problem+json
//     content and the header fields its status requires or recommends;
//   - headers: WWW-Authenticate, Allow, Retry-After, RateLimit,
//     RateLimit-Policy and the other fields those responses name.
//
// An operation then lists its errors by reference:
//
//	"409": {"$ref": "#/components/responses/order-locked"}
//
// The reference site (errorsx/reference) serves the same document at
// openapi.json under its base path.
package openapi
