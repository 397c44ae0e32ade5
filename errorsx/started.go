package errorsx

import "net/http"

// A StartedWriter is a response-writer wrapper that knows whether the
// response it passes on has started: a final status was sent (explicitly,
// by a first Write, or by a Flush) or the connection was hijacked. The
// renderer asks every StartedWriter it finds on w's Unwrap chain before
// writing, and aborts a started response instead of writing into it (see
// [Renderer.Write]). A wrapper that records the status for an access log or
// metrics should implement it, so that it cooperates with the renderer.
//
// Unwrap returns the wrapped writer: the renderer follows it, and so does
// http.ResponseController to reach Flush, Hijack and the deadlines.
type StartedWriter interface {
	http.ResponseWriter
	// Started reports whether the response has started, that is whether
	// it is too late to send another status and body.
	Started() bool
	// Unwrap returns the wrapped writer.
	Unwrap() http.ResponseWriter
}

// responseStarted reports whether a StartedWriter on w's Unwrap chain says
// the response has started. A writer without Unwrap ends the chain and is no
// StartedWriter, so the common bare writer costs one type assertion.
func responseStarted(w http.ResponseWriter) bool {
	for w != nil {
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return false
		}
		if sw, ok := w.(StartedWriter); ok && sw.Started() {
			return true
		}
		w = u.Unwrap()
	}
	return false
}
