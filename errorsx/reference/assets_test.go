package reference

import (
	"io/fs"
	"testing"
)

// Every embedded asset has a Content-Type in the site's table, so that
// embedding a new kind of file fails here instead of being served with a
// wrong or empty type.
func TestEveryAssetHasAType(t *testing.T) {
	entries, err := fs.ReadDir(assetFS, "assets")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatal("no embedded assets")
	}
	for _, e := range entries {
		if e.IsDir() {
			t.Errorf("assets/%s is a directory; the site serves the files of assets/ only", e.Name())
			continue
		}
		if assetType(e.Name()) == "" {
			t.Errorf("assets/%s: no Content-Type for its extension; add it to assetType", e.Name())
		}
	}
	for name, res := range siteAssets() {
		if res.contentType[0] != assetType(name) {
			t.Errorf("%s served as %q, want %q", name, res.contentType[0], assetType(name))
		}
	}
}
