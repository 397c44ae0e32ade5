package securitydoc

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const root = "../.."

var (
	citedTest = regexp.MustCompile(`\b(?:Test|Fuzz)[A-Z0-9_][A-Za-z0-9_]*`)
	citedPath = regexp.MustCompile("`((?:[a-z0-9_.]+/)*[a-z0-9_]+(?:_test\\.go|\\.go|\\.md)?)`")
	declared  = regexp.MustCompile(`(?m)^func ((?:Test|Fuzz)[A-Za-z0-9_]*)\(`)
)

// testsInRepo returns the name of every Test and Fuzz function declared in
// a _test.go file of the repository.
func testsInRepo(t *testing.T) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root) {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range declared.FindAllStringSubmatch(string(src), -1) {
			names[m[1]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestCitedTestsExist(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(root, "SECURITY.md"))
	if err != nil {
		t.Fatal(err)
	}
	have := testsInRepo(t)
	cited := citedTest.FindAllString(string(doc), -1)
	if len(cited) < 20 {
		t.Fatalf("SECURITY.md cites %d tests; the check would prove little", len(cited))
	}
	for _, name := range cited {
		if name == "TestMain" {
			continue
		}
		if !have[name] {
			t.Errorf("SECURITY.md cites %s, which no _test.go file declares", name)
		}
	}
}

func TestCitedPathsExist(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(root, "SECURITY.md"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range citedPath.FindAllStringSubmatch(string(doc), -1) {
		path := m[1]
		if !strings.Contains(path, "/") && !strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, ".md") {
			continue // an identifier, not a path
		}
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
			continue // a module path (go.uber.org/goleak)
		}
		n++
		if _, err := os.Stat(filepath.Join(root, path)); err != nil {
			t.Errorf("SECURITY.md names %s: %v", path, err)
		}
	}
	if n < 10 {
		t.Fatalf("SECURITY.md names %d paths; the check would prove little", n)
	}
}
