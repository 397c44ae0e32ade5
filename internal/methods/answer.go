package methods

import (
	"net/http"
	"strings"
)

// An Allow is what a resource serves: its allowed methods and the Allow
// field that lists them on one comma-joined line. It is immutable.
type Allow struct {
	methods []string
	line    []string
}

// NewAllow returns the Allow of a resource that serves methods, listed in
// that order (use [Set.Allowed] to order them and add HEAD).
func NewAllow(methods []string) *Allow {
	return &Allow{methods: methods, line: []string{strings.Join(methods, ", ")}}
}

// Methods returns the allowed methods. The caller must not change the slice.
func (a *Allow) Methods() []string { return a.methods }

// A Refusal is the outcome of [Set.Answer] that the caller still has to
// render.
type Refusal int

const (
	// Answered means the 204 answer was written; there is nothing to render.
	Answered Refusal = iota
	// NotImplemented asks the caller to render 501 Not Implemented for a
	// method the server does not know.
	NotImplemented
	// NotAllowed asks the caller to render 405 Method Not Allowed with the
	// Allow field of the resource's [Allow].
	NotAllowed
)

// Answer applies the package's rules to a request whose method the resource
// described by a does not serve. It writes the 204 answers to OPTIONS *
// (every known method) and OPTIONS (a's methods) itself and returns
// Answered; otherwise it writes nothing and returns NotImplemented or
// NotAllowed. Answering allocates nothing.
func (s *Set) Answer(w http.ResponseWriter, r *http.Request, a *Allow) Refusal {
	switch {
	case IsServerOptions(r):
		w.Header()["Allow"] = s.serverAllow
		w.WriteHeader(http.StatusNoContent)
		return Answered
	case !s.Knows(r.Method):
		return NotImplemented
	case r.Method == http.MethodOptions:
		w.Header()["Allow"] = a.line
		w.WriteHeader(http.StatusNoContent)
		return Answered
	default:
		return NotAllowed
	}
}

// IsServerOptions reports whether r is "OPTIONS *", a question about the
// server as a whole rather than about a resource.
func IsServerOptions(r *http.Request) bool {
	return r.Method == http.MethodOptions && r.RequestURI == "*"
}
