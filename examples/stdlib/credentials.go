package main

import (
	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
)

const (
	scopeRead  = "notes:read"
	scopeWrite = "notes:write"
	realm      = "fourxx-notes"
)

// verifyToken knows the bearer tokens the banner lists.
var verifyToken = auth.StaticTokens(map[string]auth.Identity{
	"reader-token": {Subject: "reader", Scopes: []string{scopeRead}},
	"writer-token": {Subject: "writer", Scopes: []string{scopeRead, scopeWrite}},
})

// newAuth is the API's one Authenticator: Bearer tokens only, and no
// anonymous access anywhere.
func newAuth(rd *errorsx.Renderer) *auth.Authenticator {
	return auth.New(auth.Options{
		Schemes:  []auth.Scheme{auth.Bearer(auth.BearerOptions{Realm: realm, Verify: verifyToken})},
		Renderer: rd,
	})
}
