package middleware_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLinksNoChi: an application on http.ServeMux that imports middleware
// links no chi; the chi integration lives in middleware/chix.
func TestLinksNoChi(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list the dependencies: %v", err)
	}
	out, err := exec.Command(gobin, "list", "-deps", "github.com/fourxx/fourxx/middleware").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps printed only %q", deps)
	}
	for _, dep := range deps {
		if strings.Contains(dep, "chi") {
			t.Errorf("middleware depends on %s", dep)
		}
	}
}
