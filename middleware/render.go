package middleware

import (
	"net/http"

	"github.com/fourxx/fourxx/errorsx"
)

// rendererOr returns rd, or the package default when rd is nil.
func rendererOr(rd *errorsx.Renderer) *errorsx.Renderer {
	if rd != nil {
		return rd
	}
	return errorsx.Default()
}

// dropContentHeaders removes from h the fields that describe a body the
// handler meant to send, before a problem replaces that body: the renderer
// sets its own Content-Type and X-Content-Type-Options, and a handler's
// Content-Encoding or Content-Length would misdescribe the problem document.
func dropContentHeaders(h http.Header) {
	for _, name := range []string{"Content-Type", "Content-Length", "Content-Encoding", "X-Content-Type-Options"} {
		delete(h, name)
	}
}
