// Package httpsyntax holds the small pieces of HTTP field syntax that the
// suite generates and parses: RFC 9110 quoted-strings, the restricted
// character set of RFC 6750 error parameters, and Accept q-value matching
// ([Quality] for one media type, [Best] to choose among several).
//
// Everything here is allocation-conscious: it runs on the request path.
package httpsyntax
