package auth_test

import (
	"context"
	"testing"

	"github.com/fourxx/fourxx/auth"
)

func TestIdentityContext(t *testing.T) {
	if _, ok := auth.FromContext(context.Background()); ok {
		t.Error("identity in an empty context")
	}
	orig := &auth.Identity{Subject: "alice", Scopes: []string{"read"}, Roles: []string{"admin"}}
	type otherKey struct{}
	parent := context.WithValue(context.Background(), otherKey{}, "kept")
	ctx := auth.NewContext(parent, orig)
	id, ok := auth.FromContext(ctx)
	switch {
	case !ok || id.Subject != "alice":
		t.Fatalf("FromContext = %+v, %v", id, ok)
	case id == orig:
		t.Error("NewContext stored the caller's pointer, not a copy")
	case ctx.Value(otherKey{}) != "kept":
		t.Error("parent values lost")
	}
	if auth.NewContext(parent, nil) != parent {
		t.Error("NewContext(nil) changed the context")
	}
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"has_scope", id.HasScope("read"), true},
		{"lacks_scope", id.HasScope("write"), false},
		{"has_role", id.HasRole("admin"), true},
		{"lacks_role", id.HasRole("root"), false},
		{"nil_has_no_scope", (*auth.Identity)(nil).HasScope("read"), false},
		{"nil_has_no_role", (*auth.Identity)(nil).HasRole("admin"), false},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v", tt.name, tt.got)
		}
	}
}

func TestIdentityContext_cancellationPropagates(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	ctx, cancelChild := context.WithCancel(auth.NewContext(parent, &auth.Identity{Subject: "a"}))
	defer cancelChild()
	cancel()
	<-ctx.Done()
}
