// The race detector makes sync.Pool drop items at random, which adds
// allocations these counts would take for regressions.

//go:build !race

package auth_test

import (
	"context"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/auth"
)

// TestSecretsHashedWithoutCopy: the static verifiers hash a presented
// secret longer than 32 bytes without copying it to the heap first, so a
// match costs only the identity it returns and a mismatch nothing (each
// took one allocation more for the copy of the secret).
func TestSecretsHashedWithoutCopy(t *testing.T) {
	long, wrong := strings.Repeat("k", 200), strings.Repeat("k", 199)+"x"
	tokens := auth.StaticTokens(map[string]auth.Identity{long: {Subject: "svc"}})
	keys := auth.StaticKeys(map[string]string{long: "svc"})
	users := auth.BasicCredentials(map[string]string{"alice": long})
	ctx := context.Background()
	tests := []struct {
		name string
		call func()
		want float64
	}{
		{"StaticTokens match", func() { _, _ = tokens(ctx, long) }, 1},
		{"StaticTokens mismatch", func() { _, _ = tokens(ctx, wrong) }, 0},
		{"StaticKeys match", func() { _, _ = keys(ctx, long) }, 1},
		{"BasicCredentials match", func() { _, _ = users(ctx, "alice", long) }, 1},
		{"BasicCredentials mismatch", func() { _, _ = users(ctx, "alice", wrong) }, 0},
		{"CompareCredentials", func() { _ = auth.CompareCredentials("alice", long, "alice", wrong) }, 0},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.call); n != tt.want {
			t.Errorf("%s: %.0f allocations, want %.0f", tt.name, n, tt.want)
		}
	}
}
