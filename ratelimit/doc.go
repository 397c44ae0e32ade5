// Package ratelimit is a token-bucket rate-limiting middleware whose
// rejections are RFC 9457 problems written by the errorsx renderer.
//
// A [Limiter] applies one or more [Policy] values (for example 10/s with a
// burst of 20, and 10 000 per day) to every request, keyed by a [KeyFunc]:
// the client IP by default ([ByIP], which never trusts forwarding headers
// unless told which proxies to trust), an identity, a header, the route, or a
// composition ([FirstOf], [Join]). A request passes only if every policy has
// enough tokens for its cost; a rejected request consumes nothing from any
// policy (the store checks all buckets, then commits all or none, atomically).
//
// Every response in scope carries RateLimit-Policy and RateLimit fields as in
// draft-ietf-httpapi-ratelimit-headers-10, mapped from the token bucket:
//
//	RateLimit-Policy: "name";q=<burst>;w=<ceil(burst/rate) seconds>
//	RateLimit:        "name";r=<whole tokens left>;t=<seconds until the next token>
//
// t is omitted when the bucket is full (no further quota will be made
// available). On admitted responses t is raised where needed so that r/t
// never exceeds ten times q/w: a large bucket that refills fast would
// otherwise announce far more than the policy's average rate, which the
// draft's security considerations (§6) advise against. r stays truthful. A rejected request gets 429 Too Many Requests with Retry-After
// = the whole seconds, rounded up and at least 1, after which the same
// request passes; the 429's RateLimit field lists only the violated policies,
// with t equal to Retry-After so the two never disagree. The problem's
// extension member violated_policies names them. (The draft calls the member
// "violated-policies", but RFC 9457 §4 asks extension names to use only
// letters, digits and "_" so they survive the XML format; the underscore
// spelling is a deliberate deviation.)
//
// Limiters stack: one applied inside another (a per-route limiter within a
// global one) adds its members to RateLimit-Policy and RateLimit after the
// outer limiter's, so a response names every policy that may refuse the
// next request. Give stacked limiters distinct policy names and stores.
//
// Buckets live in a [Store]: the in-memory [MemoryStore] (default; sharded,
// exact, with a hard cap on tracked keys) or redisstore for deployments with
// many instances. A store or key failure follows [Options.FailurePolicy];
// a client that cancels its request (closes the connection) before the
// store answers is not a store failure: its request is dropped unanswered,
// neither served nor logged as an error.
package ratelimit
