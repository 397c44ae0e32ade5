package auth

import (
	"net/http"
	"strings"

	"github.com/fourxx/fourxx/errorsx"
)

// RequireOptions configure [Require]. Every condition that is set must
// hold; with none set, any identity passes.
type RequireOptions struct {
	// Scopes must all be granted to the identity.
	Scopes []string
	// AnyRole, when not empty, requires at least one of these roles.
	AnyRole []string
	// Allow, when set, must return true for the identity and request, e.g.
	// to let users reach only their own resources.
	Allow func(id *Identity, r *http.Request) bool
	// Schemes are the schemes the application authenticates with, usually
	// the same slice given to Authenticate. They provide the challenges of
	// the 401 sent to a request without identity, and the challenge of a
	// 403 (for Bearer, error="insufficient_scope"). At least one is
	// required.
	Schemes []Scheme
	// HideAs404 answers a refused request with the 404 a missing resource
	// gets, to hide that the resource exists (RFC 9110 §15.5.4). A request
	// without identity still gets 401.
	HideAs404 bool
	// NotFoundDetail is the detail of that 404; set it to the detail your
	// router's real 404 uses so the two are indistinguishable. Empty means
	// errorsx.NotFoundDetail, the detail of middleware.NotFound.
	NotFoundDetail string
	// Renderer writes the rejections; nil means errorsx.Default().
	Renderer *errorsx.Renderer
}

// Require returns a middleware that lets a request through only when the
// identity in its context (see [Authenticate]) meets opts.
//
//   - No identity: 401 with one plain challenge per scheme of opts.Schemes,
//     never 403 — the client has not said who it is.
//   - Identity lacking a scope, a role or the Allow predicate: 403, whose
//     detail names the missing scopes or roles. When the identity came from
//     Bearer the response carries WWW-Authenticate: Bearer …,
//     error="insufficient_scope" and, for missing scopes,
//     scope="<the required scopes>" (RFC 6750 §3.1).
//   - With HideAs404, the 403 becomes errorsx.NotFound(NotFoundDetail),
//     rendered by the same renderer, so its body has the shape, type, title
//     and detail of a real 404.
//
// Require panics if opts.Schemes is empty.
func Require(opts RequireOptions) func(http.Handler) http.Handler {
	rj := newRejecter("auth.Require", opts.Schemes, 0)
	if opts.NotFoundDetail == "" {
		opts.NotFoundDetail = errorsx.NotFoundDetail
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id, ok := FromContext(r.Context())
			if !ok {
				rendererOrDefault(opts.Renderer).Write(w, r, rj.noCredentials())
				return
			}
			p, missing := refusal(&opts, id, r)
			if p == nil {
				next.ServeHTTP(w, r)
				return
			}
			if opts.HideAs404 {
				p = errorsx.NotFound(opts.NotFoundDetail)
			} else {
				if s := schemeOf(opts.Schemes, id); s != nil {
					addChallenge(p, s.Challenge(&InsufficientScopeError{Scopes: missing}))
				}
			}
			rendererOrDefault(opts.Renderer).Write(w, r, p)
		})
	}
}

// refusal returns the 403 for an identity that does not meet opts, or nil.
// scopes is opts.Scopes when the refusal is about scopes and nil when it is
// about roles or the predicate, whose challenge names no scope.
func refusal(opts *RequireOptions, id *Identity, r *http.Request) (p *errorsx.Problem, scopes []string) {
	for _, s := range opts.Scopes {
		if !id.HasScope(s) {
			return errorsx.Forbidden("This request needs the scopes "+strings.Join(opts.Scopes, ", ")+
				"; obtain credentials that grant all of them.").With("required_scopes", opts.Scopes), opts.Scopes
		}
	}
	if len(opts.AnyRole) > 0 && !hasAnyRole(id, opts.AnyRole) {
		return errorsx.Forbidden("This resource needs one of the roles " + strings.Join(opts.AnyRole, ", ") +
			"; ask an administrator to grant one."), nil
	}
	if opts.Allow != nil && !opts.Allow(id, r) {
		return errorsx.Forbidden("Your identity may not access this resource; ask its owner for access."), nil
	}
	return nil, nil
}

func hasAnyRole(id *Identity, roles []string) bool {
	for _, role := range roles {
		if id.HasRole(role) {
			return true
		}
	}
	return false
}

// schemeOf returns the scheme whose name is id.Scheme, or nil.
func schemeOf(schemes []Scheme, id *Identity) Scheme {
	for _, s := range schemes {
		if strings.EqualFold(s.Name(), id.Scheme) {
			return s
		}
	}
	return nil
}
