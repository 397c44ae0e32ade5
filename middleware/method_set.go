package middleware

import (
	"net/http"

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

// refuse answers a request whose method the resource does not serve, by the
// rules of package methods: 204 with Allow for OPTIONS, a 501 problem for a
// method the server does not know, the prepared 405 problem of rf otherwise.
// The renderer never modifies a problem, so the prepared ones are shared.
func refuse(w http.ResponseWriter, r *http.Request, rd *errorsx.Renderer, rf *methods.Refusals[*errorsx.Problem]) {
	switch outcome, p := rf.Answer(w, r); outcome {
	case methods.NotImplemented:
		rd.Write(w, r, errorsx.NotImplemented(r.Method))
	case methods.NotAllowed:
		rd.Write(w, r, p)
	}
}
