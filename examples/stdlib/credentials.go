package main

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"

	"github.com/fourxx/fourxx/auth"
)

const (
	scopeRead  = "notes:read"
	scopeWrite = "notes:write"
	realm      = "fourxx-notes"
)

// demoTokens are the bearer tokens the banner lists.
var demoTokens = []struct {
	token string
	id    auth.Identity
}{
	{"reader-token", auth.Identity{Subject: "reader", Scopes: []string{scopeRead}}},
	{"writer-token", auth.Identity{Subject: "writer", Scopes: []string{scopeRead, scopeWrite}}},
}

// verifyToken compares the presented token's digest with every demo token's
// in constant time, so the answer time does not tell which token, if any,
// almost matched.
func verifyToken(_ context.Context, token string) (*auth.Identity, error) {
	got := sha256.Sum256([]byte(token))
	var found *auth.Identity
	for i := range demoTokens {
		want := sha256.Sum256([]byte(demoTokens[i].token))
		if subtle.ConstantTimeCompare(got[:], want[:]) == 1 {
			id := demoTokens[i].id
			found = &id
		}
	}
	if found == nil {
		return nil, auth.Invalid("unknown token")
	}
	return found, nil
}

// schemes are the API's authentication schemes: Bearer tokens only.
func schemes() []auth.Scheme {
	return []auth.Scheme{auth.Bearer(auth.BearerOptions{Realm: realm, Verify: verifyToken})}
}
