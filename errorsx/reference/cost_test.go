// The race detector adds allocations of its own, which these counts would
// take for regressions.

//go:build !race

package reference_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/reference"
)

// costRenderer returns a renderer whose catalog, built once per process
// and shared by every renderer, is already built, so that the counts below
// are the site's alone.
func costRenderer() *errorsx.Renderer {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://api.example.com/problems/", Logger: slog.New(slog.DiscardHandler)})
	rd.Catalog().Entries()
	return rd
}

// maxConstructionBytes bounds what Handler allocates: the options, the
// modification time, and nothing of the site.
const maxConstructionBytes = 2 << 10

// Handler builds nothing: the pages, the search document, the OpenAPI
// document and the assets wait for the first request.
func TestHandlerConstructionIsCheap(t *testing.T) {
	rd := costRenderer()
	const runs = 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		reference.Handler(reference.Options{Renderer: rd})
	}
	runtime.ReadMemStats(&after)
	bytes := (after.TotalAlloc - before.TotalAlloc) / runs
	allocs := testing.AllocsPerRun(runs, func() { reference.Handler(reference.Options{Renderer: rd}) })
	t.Logf("Handler: %d bytes, %.0f allocations", bytes, allocs)
	if bytes > maxConstructionBytes {
		t.Errorf("Handler allocates %d bytes; want at most %d", bytes, maxConstructionBytes)
	}
}

// maxPagesHeap bounds the live heap a site keeps once a page has been
// asked for, for the standard catalog: 34 pages and the index, each in two
// representations at its exact size (about 216 KB of bytes), their header
// values, and the encoders encoding/json caches for the pages' types. A
// process-wide table the site is the first to use (errorsx's reason
// phrases, about 29 KB) is counted too; the catalog is not, costRenderer
// builds it first. maxSiteHeap bounds it once every part has been asked
// for: the pages, the OpenAPI document and the assets.
const (
	maxPagesHeap = 320 << 10
	maxSiteHeap  = 360 << 10
)

// A built site keeps its responses and little else: no templates, no
// views, no system media-type table. It is measured in a process of its
// own, so that nothing another test loaded is taken for free.
func TestBuiltSiteHeap(t *testing.T) {
	if !inFreshProcess(t) {
		return
	}
	rd := costRenderer()
	before := liveHeap()
	h := reference.Handler(reference.Options{Renderer: rd})
	get := func(path string) {
		t.Helper()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d", path, rec.Code)
		}
	}
	get("/problems/")
	pages := int64(liveHeap()) - int64(before)
	get("/problems/openapi.json")
	get("/problems/assets/style.css")
	get("/problems/assets/search.js")
	all := int64(liveHeap()) - int64(before)
	runtime.KeepAlive(h)
	t.Logf("built site: %d bytes live with the pages, %d with every part", pages, all)
	if pages > maxPagesHeap {
		t.Errorf("a site whose pages are built keeps %d bytes live; want at most %d", pages, maxPagesHeap)
	}
	if all > maxSiteHeap {
		t.Errorf("a site built whole keeps %d bytes live; want at most %d", all, maxSiteHeap)
	}
}

// freshProcessEnv marks the test binary run by [inFreshProcess].
const freshProcessEnv = "REFERENCE_COST_TEST"

// inFreshProcess reports whether the calling test runs in a process that
// has run no other test. When it does not, it runs the test binary again
// for that test alone, fails t if that run fails, and returns false.
func inFreshProcess(t *testing.T) bool {
	t.Helper()
	if os.Getenv(freshProcessEnv) == t.Name() {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v")
	cmd.Env = append(os.Environ(), freshProcessEnv+"="+t.Name())
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Errorf("%s in a process of its own: %v", t.Name(), err)
	}
	return false
}

// liveHeap returns the bytes of live heap objects after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
