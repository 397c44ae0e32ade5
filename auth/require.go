package auth

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/fourxx/fourxx/errorsx"
)

// RequireOptions configure [Authenticator.Require]. Every condition that
// is set must hold; with none set, any identity passes.
type RequireOptions struct {
	// Scopes must all be granted to the identity.
	Scopes []string
	// AnyRole, when not empty, requires at least one of these roles.
	AnyRole []string
	// Allow, when set, must return true for the identity and request, e.g.
	// to let users reach only their own resources.
	Allow func(id *Identity, r *http.Request) bool
	// HideAs404 answers a refused request with the 404 a missing resource
	// gets, to hide that the resource exists (RFC 9110 §15.5.4). A request
	// without identity still gets 401.
	HideAs404 bool
	// NotFoundDetail is the detail of that 404. Empty means
	// errorsx.NotFoundDetail, the detail of the suite's own 404s
	// (middleware.NotFound, Normalize), so that the hidden resource answers
	// byte for byte like a missing one; set it only when your router's 404
	// uses another detail.
	NotFoundDetail string
}

// Require returns a middleware that lets a request through only when the
// identity in its context (see [Authenticator.Authenticate]) meets opts.
//
//   - No identity: 401 with one plain challenge per scheme of the
//     Authenticator, never 403 — the client has not said who it is.
//   - Identity lacking a scope, a role or the Allow predicate: 403, whose
//     detail names the missing scopes or roles. When the identity came from
//     Bearer the response carries WWW-Authenticate: Bearer …,
//     error="insufficient_scope" and, for missing scopes,
//     scope="<the required scopes>" (RFC 6750 §3.1).
//   - With HideAs404, the 403 becomes errorsx.NotFound(NotFoundDetail),
//     rendered by the same renderer with no challenge, so status, headers
//     and body are those of a real 404.
//
// The refusals are built here, once, and shared by every refused request.
// Require panics ("auth: RequireOptions.<Field>: …") when a scope or role
// is the empty string, which no identity can be meant to hold.
func (a *Authenticator) Require(opts RequireOptions) func(http.Handler) http.Handler {
	for field, names := range map[string][]string{"Scopes": opts.Scopes, "AnyRole": opts.AnyRole} {
		if i := slices.Index(names, ""); i >= 0 {
			panic(fmt.Sprintf("auth: RequireOptions.%s: entry %d is empty", field, i))
		}
	}
	opts.Scopes = slices.Clone(opts.Scopes)
	opts.AnyRole = slices.Clone(opts.AnyRole)
	if opts.NotFoundDetail == "" {
		opts.NotFoundDetail = errorsx.NotFoundDetail
	}
	schemes := a.rj.schemes
	rf := newRefusals(&opts, schemes)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id, ok := FromContext(r.Context())
			if !ok {
				a.write(w, r, a.rj.noCredentials())
				return
			}
			kind := refusal(&opts, id, r)
			if kind == allowed {
				next.ServeHTTP(w, r)
				return
			}
			p := rf.hidden
			if !opts.HideAs404 {
				p = rf.forbidden[kind][schemeIndex(schemes, id)]
			}
			a.write(w, r, p)
		})
	}
}

// A refusalKind says which condition of RequireOptions an identity fails.
type refusalKind int

const (
	allowed refusalKind = iota
	scopeRefused
	roleRefused
	predicateRefused
)

// refusal returns the first condition of opts the identity fails, or
// allowed.
func refusal(opts *RequireOptions, id *Identity, r *http.Request) refusalKind {
	for _, s := range opts.Scopes {
		if !id.HasScope(s) {
			return scopeRefused
		}
	}
	if len(opts.AnyRole) > 0 && !hasAnyRole(id, opts.AnyRole) {
		return roleRefused
	}
	if opts.Allow != nil && !opts.Allow(id, r) {
		return predicateRefused
	}
	return allowed
}

// refusals holds the problems of one Require, built once and shared by
// every refused request (the renderer never modifies a problem).
type refusals struct {
	// forbidden[kind][i] is the 403 for an identity from schemes[i],
	// carrying that scheme's challenge; the last entry serves an identity
	// from none of them and carries no challenge.
	forbidden [predicateRefused + 1][]*errorsx.Problem
	// hidden is the 404 sent instead with HideAs404.
	hidden *errorsx.Problem
}

func newRefusals(opts *RequireOptions, schemes []Scheme) *refusals {
	rf := &refusals{hidden: errorsx.NotFound(opts.NotFoundDetail)}
	for kind := scopeRefused; kind <= predicateRefused; kind++ {
		// The challenge names scopes only when they are what is missing.
		insufficient := &InsufficientScopeError{}
		if kind == scopeRefused {
			insufficient.Scopes = opts.Scopes
		}
		for _, s := range schemes {
			p := forbidden(opts, kind)
			addChallenge(p, s.Challenge(insufficient))
			rf.forbidden[kind] = append(rf.forbidden[kind], p)
		}
		rf.forbidden[kind] = append(rf.forbidden[kind], forbidden(opts, kind))
	}
	return rf
}

// forbidden returns a new 403 whose detail says what the identity lacks.
func forbidden(opts *RequireOptions, kind refusalKind) *errorsx.Problem {
	switch kind {
	case scopeRefused:
		detail := "This request needs the scopes " + strings.Join(opts.Scopes, ", ") + "; obtain credentials that grant all of them."
		if len(opts.Scopes) == 1 {
			detail = "This request needs the scope " + opts.Scopes[0] + "; obtain credentials that grant it."
		}
		return errorsx.Forbidden(detail).With("required_scopes", opts.Scopes)
	case roleRefused:
		return errorsx.Forbidden("This resource needs one of the roles " + strings.Join(opts.AnyRole, ", ") +
			"; ask an administrator to grant one.")
	default:
		return errorsx.Forbidden("Your identity may not access this resource; ask its owner for access.")
	}
}

func hasAnyRole(id *Identity, roles []string) bool {
	for _, role := range roles {
		if id.HasRole(role) {
			return true
		}
	}
	return false
}

// schemeIndex returns the index of the scheme whose name is id.Scheme, or
// len(schemes) when there is none.
func schemeIndex(schemes []Scheme, id *Identity) int {
	for i, s := range schemes {
		if strings.EqualFold(s.Name(), id.Scheme) {
			return i
		}
	}
	return len(schemes)
}
