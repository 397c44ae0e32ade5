package main

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"

	"github.com/fourxx/fourxx/auth"
)

const (
	scopeRead  = "widgets:read"
	scopeWrite = "widgets:write"
	roleAdmin  = "admin"
	realm      = "fourxx-demo"
)

// demoTokens are the bearer tokens the README and the banner list.
var demoTokens = []struct {
	token string
	id    auth.Identity
}{
	{"reader-token", auth.Identity{Subject: "reader", Scopes: []string{scopeRead}}},
	{"writer-token", auth.Identity{Subject: "writer", Scopes: []string{scopeRead, scopeWrite}}},
	{"admin-token", auth.Identity{Subject: "admin", Scopes: []string{scopeRead, scopeWrite}, Roles: []string{roleAdmin}}},
}

// verifyToken compares the presented token's digest with every demo
// token's in constant time, so the answer time does not tell which token,
// if any, almost matched.
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

// schemes are the demo's authentication schemes, Basic first: a 401 offers
// both challenges, one WWW-Authenticate line each.
func schemes() []auth.Scheme {
	return []auth.Scheme{
		auth.Basic(auth.BasicOptions{Realm: realm, Verify: verifyBasic}),
		auth.Bearer(auth.BearerOptions{Realm: realm, Verify: verifyToken}),
	}
}
