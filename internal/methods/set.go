package methods

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/fourxx/fourxx/internal/httpsyntax"
)

// Default lists the methods a server implements when its options name none:
// those of RFC 9110 §9 plus PATCH (RFC 5789), in the order Allow lists them.
func Default() []string {
	return []string{
		http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace,
	}
}

// A Set is the set of methods a server implements, in the order Allow
// fields list them. Method names are case-sensitive: "get" is not GET. A
// Set is immutable and safe for concurrent use.
type Set struct {
	known       []string
	serverAllow []string // Allow field for OPTIONS *: every known method
}

// NewSet returns the set of known (nil means [Default]) followed by extra,
// duplicates removed. It fails on a name that is not an RFC 9110 token.
func NewSet(known []string, extra ...string) (*Set, error) {
	if known == nil {
		known = Default()
	}
	s := &Set{}
	for _, m := range slices.Concat(known, extra) {
		if !httpsyntax.IsToken(m) {
			return nil, errors.New("invalid method name " + strconv.Quote(m))
		}
		if !slices.Contains(s.known, m) {
			s.known = append(s.known, m)
		}
	}
	s.serverAllow = []string{strings.Join(s.Allowed(s.Knows), ", ")}
	return s, nil
}

// Known returns the set's methods in order. The caller must not change the
// slice.
func (s *Set) Known() []string { return s.known }

// Knows reports whether the server implements method.
func (s *Set) Knows(method string) bool { return slices.Contains(s.known, method) }

// Allowed lists, in the set's order, the known methods for which has
// reports true, with HEAD added whenever GET is there.
func (s *Set) Allowed(has func(method string) bool) []string {
	getAllowed := has(http.MethodGet)
	var list []string
	for _, m := range s.known {
		if has(m) || (m == http.MethodHead && getAllowed) {
			list = append(list, m)
		}
	}
	return list
}
