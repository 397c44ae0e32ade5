package middleware

import (
	"net/http"
	"slices"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/methods"
)

// newMethodSet returns the set of known plus extra (see methods.NewSet). It
// panics, naming field, on a name that is not an RFC 9110 token: that is a
// programming error, found at start-up.
func newMethodSet(field string, known []string, extra ...string) *methods.Set {
	s, err := methods.NewSet(known, extra...)
	if err != nil {
		panic("middleware: " + field + ": " + err.Error())
	}
	return s
}

// refusal is what a resource with a fixed list of allowed methods answers
// to the others, with every 405 problem built in advance so that rejecting
// renders from prepared parts.
type refusal struct {
	allow    *methods.Allow
	problems []*errorsx.Problem // 405 problem per method of the set's known list
}

// newRefusal prepares the refusal of a resource serving allowed.
func newRefusal(s *methods.Set, allowed []string) *refusal {
	rf := &refusal{allow: methods.NewAllow(allowed)}
	for _, m := range s.Known() {
		rf.problems = append(rf.problems, errorsx.MethodNotAllowed(m, allowed...))
	}
	return rf
}

// refuse answers a request whose method the resource does not serve, by the
// rules of package methods: 204 with Allow for OPTIONS, a 501 problem for a
// method the server does not know, a prepared 405 problem otherwise.
func (rf *refusal) refuse(w http.ResponseWriter, r *http.Request, rd *errorsx.Renderer, s *methods.Set) {
	switch s.Answer(w, r, rf.allow) {
	case methods.NotImplemented:
		rd.Write(w, r, errorsx.NotImplemented(r.Method))
	case methods.NotAllowed:
		rd.Write(w, r, rf.problems[slices.Index(s.Known(), r.Method)])
	}
}
