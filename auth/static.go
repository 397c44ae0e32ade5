package auth

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
)

// StaticTokens returns a [TokenVerifier] over a fixed table of bearer token
// → identity, for tests, demos and service accounts. Like [StaticKeys] it
// hashes the presented token once and compares it with every entry's digest
// in constant time, so the time taken does not tell which token, if any,
// almost matched. An unknown token gives [Invalid]("unknown token"). The map
// is copied, and each call returns a fresh copy of the identity (its slices
// and claims are shared: treat them as read-only, like any Identity).
func StaticTokens(tokens map[string]Identity) TokenVerifier {
	return TokenVerifier(newSecretTable(tokens, Invalid("unknown token")).verify)
}

// secretTable maps secrets, known only by their SHA-256 digests, to
// identities.
type secretTable struct {
	entries []secretEntry
	unknown error
}

type secretEntry struct {
	digest [sha256.Size]byte
	id     Identity
}

func newSecretTable(secrets map[string]Identity, unknown error) *secretTable {
	t := &secretTable{entries: make([]secretEntry, 0, len(secrets)), unknown: unknown}
	for secret, id := range secrets {
		t.entries = append(t.entries, secretEntry{digest: digest(secret), id: id})
	}
	return t
}

// verify compares secret with every entry, without stopping at a match.
func (t *secretTable) verify(_ context.Context, secret string) (*Identity, error) {
	d := digest(secret)
	match := -1
	for i := range t.entries {
		match = subtle.ConstantTimeSelect(digestsEqual(&d, &t.entries[i].digest), i, match)
	}
	if match < 0 {
		return nil, t.unknown
	}
	id := t.entries[match].id
	return &id, nil
}
