package auth

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
)

// CompareCredentials reports whether user and password equal wantUser and
// wantPassword. It hashes all four with SHA-256 and compares the fixed-length
// digests in constant time (as subtle.ConstantTimeCompare does), evaluating
// the user and the password comparison both, every time, so neither the
// lengths nor which part differs show in the timing.
func CompareCredentials(user, password, wantUser, wantPassword string) bool {
	userOK, passwordOK := compareDigests(
		digest(user), digest(password),
		digest(wantUser), digest(wantPassword))
	return userOK&passwordOK == 1
}

// compareDigests compares both pairs of digests without short-circuit and
// returns each result (1 equal, 0 not), so a test can see both were computed.
func compareDigests(user, password, wantUser, wantPassword [sha256.Size]byte) (userOK, passwordOK int) {
	userOK = digestsEqual(&user, &wantUser)
	passwordOK = digestsEqual(&password, &wantPassword)
	return userOK, passwordOK
}

type credentialDigest struct {
	user, password [sha256.Size]byte
	name           string
}

// BasicCredentials returns a [BasicVerifier] over a fixed table of user-id →
// password. Every call hashes the presented user-id and password once and
// compares them against every entry in constant time, so an unknown user
// takes exactly as long as a known user with a wrong password: the map is
// never looked up by the presented name. Wrong credentials give
// [Invalid]("wrong user name or password"). The map is copied.
func BasicCredentials(users map[string]string) BasicVerifier {
	table := make([]credentialDigest, 0, len(users))
	for name, password := range users {
		table = append(table, credentialDigest{
			user: digest(name), password: digest(password), name: name,
		})
	}
	return func(_ context.Context, user, password string) (*Identity, error) {
		u, p := digest(user), digest(password)
		match := -1
		for i := range table {
			userOK, passwordOK := compareDigests(u, p, table[i].user, table[i].password)
			match = subtle.ConstantTimeSelect(userOK&passwordOK, i, match)
		}
		if match < 0 {
			return nil, errWrongCredential
		}
		return &Identity{Subject: table[match].name, Scheme: "Basic"}, nil
	}
}
