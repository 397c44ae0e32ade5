package main

import (
	"context"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
)

const (
	scopeRead  = "widgets:read"
	scopeWrite = "widgets:write"
	roleAdmin  = "admin"
	realm      = "fourxx-demo"
)

// verifyToken knows the bearer tokens the README and the banner list.
var verifyToken = auth.StaticTokens(map[string]auth.Identity{
	"reader-token": {Subject: "reader", Scopes: []string{scopeRead}},
	"writer-token": {Subject: "writer", Scopes: []string{scopeRead, scopeWrite}},
	"admin-token":  {Subject: "admin", Scopes: []string{scopeRead, scopeWrite}, Roles: []string{roleAdmin}},
})

// checkBasic knows the demo's one Basic user; verifyBasic grants it read scope.
var checkBasic = auth.BasicCredentials(map[string]string{"alice": "alice-password"})

func verifyBasic(ctx context.Context, user, password string) (*auth.Identity, error) {
	id, err := checkBasic(ctx, user, password)
	if err != nil {
		return nil, err
	}
	id.Scopes = []string{scopeRead}
	return id, nil
}

// newAuth is the demo's one Authenticator. Anonymous requests pass
// Authenticate so that each route's Require answers them (and the rate
// limiter before it counts them); the 401s and 403s of every route carry
// the same challenges.
func newAuth(rd *errorsx.Renderer) *auth.Authenticator {
	return auth.New(auth.Options{Schemes: schemes(), AllowAnonymous: true, Renderer: rd})
}

// schemes are the demo's authentication schemes, Basic first: a 401 offers
// both challenges, one WWW-Authenticate line each.
func schemes() []auth.Scheme {
	return []auth.Scheme{
		auth.Basic(auth.BasicOptions{Realm: realm, Verify: verifyBasic}),
		auth.Bearer(auth.BearerOptions{Realm: realm, Verify: verifyToken}),
	}
}
