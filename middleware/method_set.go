package middleware

import (
	"net/http"
	"slices"
	"strings"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/httpsyntax"
)

// defaultKnownMethods are the methods recognised when options name none:
// those of RFC 9110 §9 plus PATCH (RFC 5789), in the order Allow lists them.
var defaultKnownMethods = []string{
	http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
	http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace,
}

// methodSet is the set of methods a server implements, in Allow order.
// Method names are case-sensitive (RFC 9110 §9.1): "get" is not GET.
type methodSet struct {
	known       []string
	serverAllow []string // Allow field for OPTIONS *: every known method
}

// newMethodSet builds the set from known (nil means the default set) plus
// extra. It panics on a name that is not an RFC 9110 token: that is a
// programming error, found at start-up.
func newMethodSet(known []string, extra ...string) methodSet {
	if known == nil {
		known = defaultKnownMethods
	}
	var s methodSet
	for _, m := range slices.Concat(known, extra) {
		if !httpsyntax.IsToken(m) {
			panic("fourxx/middleware: invalid method name " + `"` + m + `"`)
		}
		if !slices.Contains(s.known, m) {
			s.known = append(s.known, m)
		}
	}
	s.serverAllow = []string{strings.Join(s.allowed(s.knows), ", ")}
	return s
}

// knows reports whether the server implements method.
func (s methodSet) knows(method string) bool { return slices.Contains(s.known, method) }

// allowed lists, in the set's order, the known methods for which has reports
// true, with HEAD added whenever GET is there (RFC 9110 §9.1).
func (s methodSet) allowed(has func(method string) bool) []string {
	getAllowed := has(http.MethodGet)
	var list []string
	for _, m := range s.known {
		if has(m) || (m == http.MethodHead && getAllowed) {
			list = append(list, m)
		}
	}
	return list
}

// allowAnswer is what a resource answers to a method it does not serve,
// built from the methods it does serve.
type allowAnswer struct {
	allowed []string
	line    []string           // the Allow field: one comma-joined line
	refusal []*errorsx.Problem // 405 problem per method of the set's known list; nil builds each on demand
}

// newAllowAnswer returns the answer for allowed, building 405 problems on
// demand (for allowed lists computed per request).
func newAllowAnswer(allowed []string) allowAnswer {
	return allowAnswer{allowed: allowed, line: []string{strings.Join(allowed, ", ")}}
}

// prepare returns the answer for a fixed allowed list with every 405
// problem built in advance, so rejecting renders from prepared parts.
func (s methodSet) prepare(allowed []string) allowAnswer {
	a := newAllowAnswer(allowed)
	a.refusal = make([]*errorsx.Problem, len(s.known))
	for i, m := range s.known {
		a.refusal[i] = errorsx.MethodNotAllowed(m, allowed...)
	}
	return a
}

// problem returns the 405 problem for method.
func (a *allowAnswer) problem(s methodSet, method string) *errorsx.Problem {
	if i := slices.Index(s.known, method); i >= 0 && a.refusal != nil {
		return a.refusal[i]
	}
	return errorsx.MethodNotAllowed(method, a.allowed...)
}

// answer responds to a request whose method the target resource does not
// serve, given what it answers then:
//
//   - OPTIONS * → 204 with Allow listing every method of the server;
//   - a method the server does not know (BREW, get) → 501 problem;
//   - OPTIONS → 204 with Allow (RFC 9110 §9.3.7);
//   - anything else → 405 problem with Allow, present even when empty.
func (s methodSet) answer(w http.ResponseWriter, r *http.Request, rd *errorsx.Renderer, a *allowAnswer) {
	switch {
	case isServerOptions(r):
		w.Header()["Allow"] = s.serverAllow
		w.WriteHeader(http.StatusNoContent)
	case !s.knows(r.Method):
		rendererOr(rd).Write(w, r, errorsx.NotImplemented(r.Method))
	case r.Method == http.MethodOptions:
		w.Header()["Allow"] = a.line
		w.WriteHeader(http.StatusNoContent)
	default:
		rendererOr(rd).Write(w, r, a.problem(s, r.Method))
	}
}

// isServerOptions reports whether r is "OPTIONS *", a question about the
// server as a whole (RFC 9110 §9.3.7).
func isServerOptions(r *http.Request) bool {
	return r.Method == http.MethodOptions && r.RequestURI == "*"
}
