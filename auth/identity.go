package auth

import (
	"context"
	"slices"
)

// An Identity is an authenticated principal. Treat it as read-only once it
// is in a context: requests may share it.
type Identity struct {
	// Subject identifies the principal, e.g. a user id or the JWT "sub".
	Subject string
	// Scopes are the OAuth scopes granted to the credentials.
	Scopes []string
	// Roles are application roles of the principal.
	Roles []string
	// Scheme is the authentication scheme that produced the identity, e.g.
	// "Bearer". [Authenticator.Authenticate] sets it to the deciding scheme's Name when
	// the scheme or its verifier left it empty.
	Scheme string
	// Claims holds free-form attributes, e.g. every claim of a JWT.
	Claims map[string]any
}

// HasScope reports whether the identity was granted scope. A nil identity
// has no scopes.
func (id *Identity) HasScope(scope string) bool {
	return id != nil && slices.Contains(id.Scopes, scope)
}

// HasRole reports whether the identity holds role. A nil identity has no
// roles.
func (id *Identity) HasRole(role string) bool {
	return id != nil && slices.Contains(id.Roles, role)
}

type (
	identityKey struct{}
	verifiedKey struct{}
)

// identityContext carries a copy of an Identity. It is a context and the
// identity in one allocation, which keeps the allowed path of Authenticate at
// two allocations (this and the shallow copy of the request).
//
// from is the Authenticator that verified the request's credentials
// (Authenticate or Identify), nil for NewContext; the same Authenticator
// later in the chain takes the identity instead of verifying again.
type identityContext struct {
	context.Context
	id   Identity
	from *Authenticator
}

func (c *identityContext) Value(key any) any {
	switch {
	case key == identityKey{}:
		return &c.id
	case key == verifiedKey{} && c.from != nil:
		return c
	}
	return c.Context.Value(key)
}

// rejectedContext records that Identify found credentials from rejected:
// the number of the deciding scheme and its error. It carries no identity.
type rejectedContext struct {
	context.Context
	from *Authenticator
	by   int
	err  error
}

func (c *rejectedContext) Value(key any) any {
	if key == (verifiedKey{}) {
		return c
	}
	return c.Context.Value(key)
}

// NewContext returns a child of ctx carrying a copy of id (the slices and the
// claims map are shared, not copied). A nil id returns ctx unchanged.
func NewContext(ctx context.Context, id *Identity) context.Context {
	if id == nil {
		return ctx
	}
	return &identityContext{Context: ctx, id: *id}
}

// FromContext returns the identity stored by [NewContext] (and so by
// [Authenticator.Authenticate]). ok is false for an anonymous request.
func FromContext(ctx context.Context) (id *Identity, ok bool) {
	id, ok = ctx.Value(identityKey{}).(*Identity)
	return id, ok
}
