// The race detector makes sync.Pool drop items at random, which adds
// allocations these counts would take for regressions.

//go:build !race

package auth_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
)

// TestRequire_refusalsArePrepared checks rule 8 of the design: a refusal
// depends only on the options and the identity's scheme, so Require builds
// each 403 (and the hiding 404) once and every refused request shares it.
func TestRequire_refusalsArePrepared(t *testing.T) {
	bearer := auth.Bearer(auth.BearerOptions{Realm: "api", Verify: tokens})
	schemes := []auth.Scheme{bearer}
	id := &auth.Identity{Subject: "bob", Scheme: "Bearer"}
	deny := func(*auth.Identity, *http.Request) bool { return false }
	for name, opts := range map[string]auth.RequireOptions{
		"scope":     {Scopes: []string{"write"}},
		"role":      {AnyRole: []string{"admin"}},
		"predicate": {Allow: deny},
		"hidden":    {Scopes: []string{"write"}, HideAs404: true},
	} {
		t.Run(name, func(t *testing.T) {
			rd := errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: slog.New(slog.DiscardHandler)})
			h := auth.New(auth.Options{Schemes: schemes, Renderer: rd}).Require(opts)(whoami)
			r := httptest.NewRequest("GET", "/", nil)
			r = r.WithContext(auth.NewContext(r.Context(), id))
			w := &discardWriter{h: http.Header{}}
			allocs := testing.AllocsPerRun(20, func() {
				clear(w.h)
				h.ServeHTTP(w, r)
			})
			// A problem built per refusal would allocate at least itself.
			if allocs != 0 {
				t.Errorf("a refusal allocates %v times, want 0: one prepared problem shared by every refused request", allocs)
			}
		})
	}
}
