// Package jwt verifies JSON Web Tokens for the auth package's Bearer scheme,
// with github.com/golang-jwt/jwt/v5.
//
// A [Verifier] checks signatures with one static key or with a JWK Set
// fetched from a URL, whose keys may rotate. Either way each key accepts
// exactly one signing algorithm, chosen from its type (HS256 for a []byte
// secret, RS256 for an RSA public key, ES256 for a P-256 ECDSA public key,
// EdDSA for an Ed25519 public key), so a token cannot pick its own
// algorithm: "none" and algorithm-confusion tokens (an RS256 public key
// used as an HS256 secret) are rejected. It checks expiry (required),
// not-before, issuer, audience and leeway, and maps "sub" to
// Identity.Subject, "scope" or "scp" to Identity.Scopes and a configurable
// roles claim to Identity.Roles. A token whose JOSE header carries "crit"
// is rejected (RFC 7515 §4.1.11): the Verifier understands no critical
// extension.
//
// A key set (Options.KeySetURL) is fetched and cached with
// github.com/MicahParks/keyfunc. A token names its key with "kid"; an
// unknown kid makes the Verifier fetch the set again, at most once per
// Options.RefreshCooldown, so an issuer can rotate keys without a restart
// and a flood of made-up kids cannot flood the issuer. A key the issuer
// has dropped stops working at the next fetch. When the set cannot be
// fetched, cached keys keep working and a token whose key is not cached
// gets 503 with Retry-After, not 401, since its key may well exist.
//
// Rejections are auth invalid-credentials errors with short, safe
// descriptions ("token expired", "invalid signature", "wrong issuer" …)
// that end up in the Bearer error_description; the token and the library's
// error text are never sent.
package jwt
