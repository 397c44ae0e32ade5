package methods

import (
	"net/http"
	"slices"
)

// Refusals are the answers of a resource that serves a fixed list of
// methods, prepared once: its [Allow] and one 405 value (a problem, for the
// callers) per method of the [Set], so that refusing a request builds
// nothing. They are immutable; the prepared values are shared by every
// request they answer, so they must never be modified.
type Refusals[P any] struct {
	set        *Set
	allow      *Allow
	notAllowed []P // index of the method in set.Known()
}

// NewRefusals prepares the refusals of a resource of s that serves allowed
// (ordered as [Set.Allowed] returns them): notAllowed is called once per
// known method, with that method and allowed, to build its 405 value.
func NewRefusals[P any](s *Set, allowed []string, notAllowed func(method string, allowed ...string) P) *Refusals[P] {
	rf := &Refusals[P]{set: s, allow: NewAllow(allowed), notAllowed: make([]P, len(s.known))}
	for i, m := range s.known {
		rf.notAllowed[i] = notAllowed(m, allowed...)
	}
	return rf
}

// Answer applies [Set.Answer] with the resource's Allow. When the outcome is
// NotAllowed it also returns the value prepared for r's method; otherwise
// that value is P's zero value. It allocates nothing.
func (rf *Refusals[P]) Answer(w http.ResponseWriter, r *http.Request) (Refusal, P) {
	outcome := rf.set.Answer(w, r, rf.allow)
	var p P
	if outcome == NotAllowed {
		p = rf.notAllowed[slices.Index(rf.set.known, r.Method)]
	}
	return outcome, p
}
