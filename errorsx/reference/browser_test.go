package reference_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds a Chromium binary, or fails or skips the test when
// there is none: it fails when FOURXX_REQUIRE_INTEGRATION=1 (CI installs the
// Debian package chromium), and skips with a message otherwise.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "Chromium not found (install the Debian package chromium); the browser test needs it"
	if os.Getenv("FOURXX_REQUIRE_INTEGRATION") == "1" {
		t.Fatal(msg + " and FOURXX_REQUIRE_INTEGRATION=1")
	}
	t.Skip(msg + "; set FOURXX_REQUIRE_INTEGRATION=1 to make this a failure")
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile and returns a
// tab context bounded to 30 seconds.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	t.Cleanup(cancelAlloc)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelTab)
	return tabCtx
}

// A developer types a symptom into the search box, submits, follows the
// first result and lands on the page that explains it.
func TestBrowserSearchLeadsToTheRightPage(t *testing.T) {
	ctx := newBrowser(t)
	site := newTestSite(t)

	if err := chromedp.Do(ctx, chromedp.Navigate(site.URL+"/problems/"), chromedp.WaitVisible(chromedp.ID("q"))); err != nil {
		t.Fatalf("open the index: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("q"), "token expired")); err != nil {
		t.Fatalf("type the query: %v", err)
	}
	res, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.ID("q")))
	if err != nil {
		t.Fatalf("submit the search: %v", err)
	}
	if res.Status != 200 || !strings.Contains(res.URL, "/problems/?q=token+expired") {
		t.Fatalf("search answered %d at %s, want 200 at /problems/?q=token+expired", res.Status, res.URL)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#results li").length`))
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal(`the search for "token expired" found no code; catalog.Search must match symptoms`)
	}
	first, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#results li:first-child a")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(first, "401") {
		t.Errorf("first result %q, want 401 Unauthorized", first)
	}
	res, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("#results li:first-child a")))
	if err != nil {
		t.Fatalf("follow the first result: %v", err)
	}
	if res.Status != 200 || !strings.HasSuffix(res.URL, "/problems/unauthorized") {
		t.Fatalf("result page answered %d at %s", res.Status, res.URL)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h1, "401") || !strings.Contains(h1, "Unauthorized") {
		t.Errorf("h1 %q, want 401 Unauthorized", h1)
	}
	example, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("example")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"HTTP/1.1 401", "Www-Authenticate: Bearer realm=\"api\"", `"status":401`} {
		if !strings.Contains(example, want) {
			t.Errorf("example response lacks %q:\n%s", want, example)
		}
	}
	saveScreenshots(t, ctx, "unauthorized")
}

// The script filters the list as the user types, with the server's ranking.
func TestBrowserFiltersAsYouType(t *testing.T) {
	ctx := newBrowser(t)
	site := newTestSite(t)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(site.URL+"/problems/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "429"),
	); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll("#results li").length === 1`)); err != nil {
		t.Fatalf("the list was not filtered to one code: %v", err)
	}
	first, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#results li:first-child a")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(first, "429") || !strings.Contains(first, "Too Many Requests") {
		t.Errorf("filtered list shows %q", first)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(loc, "/problems/?q=429") {
		t.Errorf("address %q does not carry the query", loc)
	}
}

// saveScreenshots writes a phone-sized and a desktop screenshot of the
// current page to FOURXX_SCREENSHOT_DIR, when it is set, for a person to
// look at.
func saveScreenshots(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("FOURXX_SCREENSHOT_DIR")
	if dir == "" {
		return
	}
	sizes := []struct {
		label         string
		width, height int64
		scale         float64
		mobile        bool
	}{
		{"phone", 390, 844, 2, true},
		{"desktop", 1280, 900, 1, false},
	}
	for _, s := range sizes {
		opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(s.scale)}
		if s.mobile {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulatePortrait)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(s.width, s.height, opts...)); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, name+"-"+s.label+".png")
		if err := os.WriteFile(file, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", file)
	}
}
