// Package methods holds the method rules of RFC 9110 that every part of the
// suite answering for a resource follows, written once:
//
//   - OPTIONS * asks about the server: 204 No Content with Allow listing
//     every method the server implements (§9.3.7);
//   - a method the server does not implement, compared case-sensitively
//     ("BREW", and "get" alike), is 501 Not Implemented (§9.1, §15.6.2);
//   - OPTIONS on a resource is 204 No Content with Allow (§9.3.7);
//   - any other method the resource does not serve is 405 Method Not
//     Allowed with Allow, present even when empty (§15.5.6, §10.2.1);
//   - HEAD is allowed wherever GET is (§9.3.2).
//
// The package decides and writes the 204 answers itself; the refusals (405,
// 501) it hands back to the caller, which renders them as problems. It
// imports only the standard library.
package methods
