package reference_test

import (
	"encoding/json"
	"html"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx/catalog"
)

// codeDoc mirrors the JSON representation of a code page.
type codeDoc struct {
	Status          int      `json:"status"`
	Title           string   `json:"title"`
	Slug            string   `json:"slug"`
	Reference       string   `json:"reference"`
	URL             string   `json:"url"`
	RequiredHeaders []string `json:"required_headers"`
	Unused          bool     `json:"unused"`
	Page            string   `json:"page"`
	Notes           []struct {
		SeeAlso []string `json:"see_also"`
	} `json:"notes"`
	Example *struct {
		Request    string      `json:"request"`
		StatusLine string      `json:"status_line"`
		Status     int         `json:"status"`
		Headers    http.Header `json:"headers"`
		Body       string      `json:"body"`
	} `json:"example"`
}

func TestEveryCodeHasAPage(t *testing.T) {
	site := newTestSite(t)
	codes := codes4xx()
	if len(codes) != 29 {
		t.Fatalf("catalog has %d codes, want the 29 registered 4xx codes", len(codes))
	}
	for _, c := range codes {
		t.Run(strconv.Itoa(c.Status)+"/html", func(t *testing.T) {
			res, body := site.do(t, "GET", "/problems/"+c.Slug, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d, want 200", res.StatusCode)
			}
			if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			h1 := between(body, "<h1>", "</h1>")
			if !strings.Contains(h1, strconv.Itoa(c.Status)) || !strings.Contains(h1, htmlText(c.Title)) {
				t.Errorf("h1 %q lacks %d %s", h1, c.Status, c.Title)
			}
			if !strings.Contains(body, `href="`+c.URL+`"`) {
				t.Errorf("page does not link to %s", c.URL)
			}
			if c.Unused {
				if strings.Contains(body, `id="example"`) || !strings.Contains(body, "must never be sent") {
					t.Error("the page of an unused code shows an example or does not say it is never sent")
				}
				return
			}
			example := html.UnescapeString(between(body, `<pre class="example" id="example"><code>`, "</code></pre>"))
			if !strings.HasPrefix(example, "HTTP/1.1 "+strconv.Itoa(c.Status)+" ") {
				t.Errorf("example does not start with the status line: %q", example)
			}
			for _, h := range c.RequiredHeaders {
				if !strings.Contains(strings.ToLower(example), "\n"+strings.ToLower(h)+": ") {
					t.Errorf("example lacks required header %s:\n%s", h, example)
				}
			}
			if !strings.Contains(example, "application/problem+json") {
				t.Errorf("example is not a problem+json response:\n%s", example)
			}
		})
		t.Run(strconv.Itoa(c.Status)+"/number", func(t *testing.T) {
			res, _ := site.do(t, "GET", "/problems/"+strconv.Itoa(c.Status), nil)
			if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/problems/"+c.Slug {
				t.Fatalf("status %d Location %q, want 301 to /problems/%s", res.StatusCode, res.Header.Get("Location"), c.Slug)
			}
		})
		t.Run(strconv.Itoa(c.Status)+"/json", func(t *testing.T) {
			res, body := site.do(t, "GET", "/problems/"+c.Slug, acceptJSON)
			if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/json" {
				t.Fatalf("status %d Content-Type %q", res.StatusCode, res.Header.Get("Content-Type"))
			}
			if res.Header.Get("Vary") != "Accept" {
				t.Errorf("Vary %q, want Accept", res.Header.Get("Vary"))
			}
			var doc codeDoc
			if err := json.Unmarshal([]byte(body), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Status != c.Status || doc.Slug != c.Slug || doc.Title != c.Title || doc.URL != c.URL || doc.Page != "/problems/"+c.Slug {
				t.Errorf("doc %+v does not describe %d", doc, c.Status)
			}
			if c.Unused {
				if doc.Example != nil || !doc.Unused {
					t.Error("unused code has an example or is not marked unused")
				}
				return
			}
			if doc.Example == nil || doc.Example.Status != c.Status {
				t.Fatalf("example missing or with the wrong status: %+v", doc.Example)
			}
			for _, h := range c.RequiredHeaders {
				if doc.Example.Headers.Get(h) == "" {
					t.Errorf("example lacks required header %s", h)
				}
			}
			var problem struct {
				Type   string `json:"type"`
				Status int    `json:"status"`
			}
			if err := json.Unmarshal([]byte(doc.Example.Body), &problem); err != nil {
				t.Fatalf("example body is not JSON: %v", err)
			}
			if problem.Status != c.Status || problem.Type != site.typeBase+c.Slug {
				t.Errorf("example body type %q status %d, want %s%s %d", problem.Type, problem.Status, site.typeBase, c.Slug, c.Status)
			}
		})
	}
}

// The type URI of every problem the renderer writes is dereferenceable to
// this site's documentation (RFC 9457 §3.1.1; standards item 15).
func TestTypeURIsDereference(t *testing.T) {
	site := newTestSite(t)
	for _, c := range codes4xx() {
		if c.Unused {
			continue
		}
		_, body := site.do(t, "GET", "/problems/"+c.Slug, acceptJSON)
		var doc codeDoc
		if err := json.Unmarshal([]byte(body), &doc); err != nil {
			t.Fatal(err)
		}
		var problem struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal([]byte(doc.Example.Body), &problem); err != nil {
			t.Fatal(err)
		}
		res, err := http.Get(problem.Type)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: %d %s, want 200 text/html", problem.Type, res.StatusCode, res.Header.Get("Content-Type"))
		}
	}
}

func TestExampleHeadersMatchConstructors(t *testing.T) {
	site := newTestSite(t)
	tests := []struct {
		status       int
		header, want string
	}{
		{401, "Www-Authenticate", `Bearer realm="api", error="invalid_token"`},
		{403, "Www-Authenticate", `error="insufficient_scope"`},
		{405, "Allow", "GET, HEAD"},
		{407, "Proxy-Authenticate", `Basic realm=`},
		{413, "Content-Type", "application/problem+json"},
		{415, "Accept", "application/json"},
		{426, "Upgrade", "HTTP/2"},
		{429, "Retry-After", "1"},
		{429, "RateLimit", `"default";r=0;t=1`},
		{429, "RateLimit-Policy", `"default";q=10;w=1`},
		{429, "Cache-Control", "no-store"},
		{451, "Link", `rel="blocked-by"`},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.status)+" "+tt.header, func(t *testing.T) {
			c, _ := catalog.Standard().ForStatus(tt.status)
			_, body := site.do(t, "GET", "/problems/"+c.Slug, acceptJSON)
			var doc codeDoc
			if err := json.Unmarshal([]byte(body), &doc); err != nil {
				t.Fatal(err)
			}
			if got := doc.Example.Headers.Get(tt.header); !strings.Contains(got, tt.want) {
				t.Errorf("%s: %q, want it to contain %q", tt.header, got, tt.want)
			}
		})
	}
}

func TestCrossLinks(t *testing.T) {
	site := newTestSite(t)
	tests := []struct {
		path     string
		contains []string
	}{
		{"/problems/unauthorized", []string{"401 or 403?", `href="/problems/forbidden"`, "WWW-Authenticate"}},
		{"/problems/forbidden", []string{"401 or 403?", `href="/problems/unauthorized"`}},
		{"/problems/unused", []string{"Unused.", "must never be sent", "400 Bad Request"}},
		{"/problems/bad-request", []string{`href="/problems/unprocessable-content"`}},
		{"/problems/unprocessable-content", []string{`href="/problems/bad-request"`}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, body := site.do(t, "GET", tt.path, nil)
			for _, want := range tt.contains {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
		})
	}
}

// between returns the text between the first start and the next end.
func between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	inner, _, _ := strings.Cut(after, end)
	return inner
}

// htmlText is how html/template writes plain text.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace(s)
}
