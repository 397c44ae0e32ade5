package reference_test

import (
	"encoding/json"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx/catalog"
)

// resultLinks returns the page paths listed in the results list, in order.
func resultLinks(body string) []string {
	list := between(body, `<ol id="results" class="codes">`, "</ol>")
	var out []string
	for _, m := range regexp.MustCompile(`<li><a href="([^"]+)"`).FindAllStringSubmatch(list, -1) {
		out = append(out, m[1])
	}
	return out
}

func pagesOf(codes []catalog.Entry) []string {
	var out []string
	for _, c := range codes {
		out = append(out, "/problems/"+c.Slug)
	}
	return out
}

// The search works as a plain GET form and ranks exactly as the catalog's Search.
func TestSearchWithoutJavaScript(t *testing.T) {
	site := newTestSite(t)
	tests := []struct {
		query string
		first string // expected first result, "" when only the order is checked
		none  bool   // no code matches
	}{
		{"429", "/problems/too-many-requests", false},
		{"42", "", false},
		{"forbidden", "/problems/forbidden", false},
		{"  Unauthorized ", "/problems/unauthorized", false},
		{"token expired", "/problems/unauthorized", false},
		{"zzqxj", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res, body := site.do(t, "GET", "/problems/?q="+url.QueryEscape(tt.query), nil)
			if res.StatusCode != 200 {
				t.Fatalf("status %d", res.StatusCode)
			}
			got := resultLinks(body)
			want := pagesOf(catalog.Standard().Search(tt.query))
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("results %v, want catalog Search order %v", got, want)
			}
			if tt.none {
				if len(got) != 0 || !strings.Contains(body, "No code matches") {
					t.Errorf("want no results and a hint, got %v", got)
				}
			} else if len(got) == 0 || (tt.first != "" && got[0] != tt.first) {
				t.Errorf("first result %v, want %s", got, tt.first)
			}
			if !strings.Contains(body, `value="`+html.EscapeString(strings.TrimSpace(tt.query))+`"`) {
				t.Error("the search box does not keep the query")
			}
		})
	}
}

func TestIndexListsEveryCode(t *testing.T) {
	site := newTestSite(t)
	for _, path := range []string{"/problems/", "/problems/?q=", "/problems/?q=+++", "/problems/?other=1"} {
		_, body := site.do(t, "GET", path, nil)
		if got, want := resultLinks(body), pagesOf(codes4xx()); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s lists %v, want every code %v", path, got, want)
		}
	}
}

type searchDoc struct {
	Query   string `json:"query"`
	Results []struct {
		Status int    `json:"status"`
		Slug   string `json:"slug"`
		Page   string `json:"page"`
	} `json:"results"`
}

func TestSearchJSON(t *testing.T) {
	site := newTestSite(t)
	for _, q := range []string{"", "token expired", "4", "too many", "rate limit"} {
		t.Run(q, func(t *testing.T) {
			res, body := site.do(t, "GET", "/problems/?q="+url.QueryEscape(q), acceptJSON)
			if res.Header.Get("Content-Type") != "application/json" || res.Header.Get("Vary") != "Accept" {
				t.Fatalf("Content-Type %q Vary %q", res.Header.Get("Content-Type"), res.Header.Get("Vary"))
			}
			var doc searchDoc
			if err := json.Unmarshal([]byte(body), &doc); err != nil {
				t.Fatal(err)
			}
			want := catalog.Standard().Search(q)
			if q == "" {
				want = catalog.Standard().Entries()
			}
			if doc.Query != q || len(doc.Results) != len(want) {
				t.Fatalf("query %q with %d results, want %q with %d", doc.Query, len(doc.Results), q, len(want))
			}
			for i, r := range doc.Results {
				if r.Status != want[i].Status || r.Page != "/problems/"+want[i].Slug {
					t.Errorf("result %d = %+v, want %d", i, r, want[i].Status)
				}
			}
		})
	}
}

// A query is data: it is shown as text and never becomes markup.
func TestSearchEscapesQuery(t *testing.T) {
	site := newTestSite(t)
	for _, q := range []string{
		`<script>alert(1)</script>`,
		`"><img src=x onerror=alert(1)>`,
		`' onfocus='alert(1)`,
		"</title><script>alert(1)</script>",
	} {
		t.Run(q, func(t *testing.T) {
			_, body := site.do(t, "GET", "/problems/?q="+url.QueryEscape(q), nil)
			if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img") || strings.Contains(body, "onfocus='") {
				t.Fatalf("query reflected as markup:\n%s", body)
			}
			if !strings.Contains(html.UnescapeString(between(body, `id="result-status"`, "</p>")), q) {
				t.Errorf("query not shown as text")
			}
			_, body = site.do(t, "GET", "/problems/?q="+url.QueryEscape(q), acceptJSON)
			if strings.ContainsAny(body, "<>") {
				t.Errorf("JSON carries raw angle brackets: %s", body)
			}
		})
	}
}

func TestSearchQueryIsCapped(t *testing.T) {
	site := newTestSite(t)
	for _, q := range []string{strings.Repeat("a", 100000), strings.Repeat("é", 5000), strings.Repeat("%", 3000)} {
		res, body := site.do(t, "GET", "/problems/?q="+url.QueryEscape(q), acceptJSON)
		if res.StatusCode != 200 {
			t.Fatalf("status %d", res.StatusCode)
		}
		var doc searchDoc
		if err := json.Unmarshal([]byte(body), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Query) > 200 || !strings.HasPrefix(q, doc.Query) || doc.Query == "" {
			t.Errorf("query cut to %d bytes (%q…), want a non-empty prefix of at most 200", len(doc.Query), doc.Query[:min(len(doc.Query), 10)])
		}
	}
}
