package errorsx

import "net/http"

// dropStale removes from a response's header map the fields a handler set
// for the body it meant to send: validators, caching of that body, and
// representation metadata. The problem is a different representation; it
// must not be cached as the resource, matched against If-None-Match, saved
// as the handler's file or read with the handler's coding. The fields about
// the request and the connection stay (see the package doc for both lists).
func dropStale(h http.Header) {
	if len(h) == 0 {
		return
	}
	for name := range h {
		if staleField(name) {
			delete(h, name)
		}
	}
}

// staleField reports whether a canonical field name describes a response's
// representation rather than the exchange.
func staleField(name string) bool {
	switch name {
	case "Cache-Control", "Expires", // caching of the body never sent
		"Etag", "ETag", "Last-Modified", // validators (ETag as set by direct map assignment)
		"Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length",
		"Content-Location", "Content-Range", "Content-Digest", "Repr-Digest", "Digest",
		"Location", // the resource a 201 or 3xx would have pointed at
		"Trailer":  // trailers announced for the handler's body
		return true
	}
	return false
}
