package reference

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
)

// Every documented 5xx code has a page, by slug and by number, with its
// example response, and the index links to it; every type URI a renderer
// with this site as its base writes for those codes resolves.
func TestServerCodePages(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "/problems/"})
	srv := httptest.NewServer(Handler(Options{Renderer: rd}))
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	get := func(path string) (*http.Response, string) {
		res, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}
	_, index := get("/problems/")
	for _, c := range catalog.Standard().Entries() {
		if c.Status < 500 {
			continue
		}
		res, body := get("/problems/" + c.Slug)
		if res.StatusCode != 200 || !strings.Contains(body, c.Title) || !strings.Contains(body, c.Summary) || !strings.Contains(body, "HTTP/1.1 "+strconv.Itoa(c.Status)) {
			t.Errorf("%d: status %d, page lacks title, summary or example", c.Status, res.StatusCode)
		}
		if res, _ := get("/problems/" + strconv.Itoa(c.Status)); res.StatusCode != 301 || res.Header.Get("Location") != "/problems/"+c.Slug {
			t.Errorf("%d: number gives %d → %q", c.Status, res.StatusCode, res.Header.Get("Location"))
		}
		if !strings.Contains(index, `href="/problems/`+c.Slug+`"`) {
			t.Errorf("%d: index does not link its page", c.Status)
		}
		_, _, typed := rd.Render(httptest.NewRequest("GET", "/", nil), errorsx.New(c.Status, ""))
		if !strings.Contains(string(typed), `"type":"/problems/`+c.Slug+`"`) {
			t.Errorf("%d: renderer type %s", c.Status, typed)
		}
	}
}
