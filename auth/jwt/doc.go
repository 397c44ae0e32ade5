// Package jwt verifies JSON Web Tokens for the auth package's Bearer scheme,
// with github.com/golang-jwt/jwt/v5.
//
// A [Verifier] accepts exactly one signing algorithm, chosen from the type
// of the key you give it (HS256 for a []byte secret, RS256 for an RSA public
// key, ES256 for a P-256 ECDSA public key, EdDSA for an Ed25519 public key),
// so a token cannot pick its own algorithm: "none" and algorithm-confusion
// tokens (an RS256 public key used as an HS256 secret) are rejected. It
// checks expiry (required), not-before, issuer, audience and leeway, and
// maps "sub" to Identity.Subject, "scope" or "scp" to Identity.Scopes and a
// configurable roles claim to Identity.Roles.
//
// A token whose JOSE header carries "crit" is rejected (RFC 7515 §4.1.11):
// the Verifier understands no critical extension.
//
// Rejections are auth invalid-credentials errors with short, safe
// descriptions ("token expired", "invalid signature", "wrong issuer" …)
// that end up in the Bearer error_description; the token and the library's
// error text are never sent.
package jwt
