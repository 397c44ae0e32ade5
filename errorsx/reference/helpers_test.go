package reference_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
	"github.com/fourxx/fourxx/errorsx/reference"
)

// testSite is a reference site mounted at /problems/ on a real server, with
// a Strict renderer whose TypeBase points at it.
type testSite struct {
	*httptest.Server
	typeBase string
}

func newTestSite(t testing.TB) *testSite {
	t.Helper()
	return newTestSiteMounted(t, func(h http.Handler) http.Handler {
		mux := http.NewServeMux()
		mux.Handle("/problems/", h)
		return mux
	})
}

// newTestSiteMounted starts a server whose handler is mount(site).
func newTestSiteMounted(t testing.TB, mount func(http.Handler) http.Handler) *testSite {
	t.Helper()
	return newCatalogSite(t, nil, mount)
}

// newCatalogSite starts a server whose handler is mount(site), for a
// renderer with catalog cat (nil for the standard one).
func newCatalogSite(t testing.TB, cat *catalog.Catalog, mount func(http.Handler) http.Handler) *testSite {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	typeBase := "http://" + srv.Listener.Addr().String() + "/problems/"
	rd := errorsx.NewRenderer(errorsx.Options{
		TypeBase: typeBase,
		Strict:   true,
		Logger:   slog.New(slog.DiscardHandler),
		Catalog:  cat,
	})
	srv.Config.Handler = mount(reference.Handler(reference.Options{Renderer: rd, BasePath: "/problems/"}))
	srv.Start()
	t.Cleanup(srv.Close)
	return &testSite{Server: srv, typeBase: typeBase}
}

// do sends one request without following redirects and returns the
// response with its body read.
func (s *testSite) do(t testing.TB, method, path string, header http.Header) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

var acceptJSON = http.Header{"Accept": {"application/json"}}

// codes4xx returns the standard entries of the registered 4xx codes.
func codes4xx() []catalog.Entry { return byClass(4) }

func byClass(class int) []catalog.Entry {
	var out []catalog.Entry
	for _, e := range catalog.Standard().Entries() {
		if e.Status/100 == class {
			out = append(out, e)
		}
	}
	return out
}
