package reference

import (
	"embed"
	"io/fs"
	"path"
	"sync"
)

//go:embed assets
var assetFS embed.FS

// assetType returns the Content-Type of an embedded asset, by its
// extension, or "" for an extension the site does not embed. A small fixed
// table rather than package mime, whose first use loads the system's whole
// table into memory for good.
func assetType(name string) string {
	switch path.Ext(name) {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	}
	return ""
}

// siteAssets returns the embedded stylesheet and script, by file name,
// read on first use and shared by every site: they do not depend on its
// options.
var siteAssets = sync.OnceValue(func() map[string]*resource {
	entries, err := fs.ReadDir(assetFS, "assets")
	if err != nil {
		panic(err)
	}
	assets := make(map[string]*resource, len(entries))
	for _, e := range entries {
		body, err := fs.ReadFile(assetFS, "assets/"+e.Name())
		if err != nil {
			panic(err)
		}
		assets[e.Name()] = newResource(assetType(e.Name()), body)
	}
	return assets
})
