package main

import "github.com/fourxx/fourxx/auth"

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

// schemes are the API's authentication schemes: Bearer tokens only.
func schemes() []auth.Scheme {
	return []auth.Scheme{auth.Bearer(auth.BearerOptions{Realm: realm, Verify: verifyToken})}
}
