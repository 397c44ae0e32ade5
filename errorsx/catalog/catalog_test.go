package catalog_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
)

// registered4xx is standards.md §1: every registered 4xx code with its
// RFC 9110 (or defining RFC) reason phrase.
var registered4xx = []struct {
	status int
	title  string
}{
	{400, "Bad Request"}, {401, "Unauthorized"}, {402, "Payment Required"}, {403, "Forbidden"},
	{404, "Not Found"}, {405, "Method Not Allowed"}, {406, "Not Acceptable"},
	{407, "Proxy Authentication Required"}, {408, "Request Timeout"}, {409, "Conflict"},
	{410, "Gone"}, {411, "Length Required"}, {412, "Precondition Failed"},
	{413, "Content Too Large"}, {414, "URI Too Long"}, {415, "Unsupported Media Type"},
	{416, "Range Not Satisfiable"}, {417, "Expectation Failed"}, {418, "(Unused)"},
	{421, "Misdirected Request"}, {422, "Unprocessable Content"}, {423, "Locked"},
	{424, "Failed Dependency"}, {425, "Too Early"}, {426, "Upgrade Required"},
	{428, "Precondition Required"}, {429, "Too Many Requests"},
	{431, "Request Header Fields Too Large"}, {451, "Unavailable For Legal Reasons"},
}

// TestCatalogIsTheRegistry checks standards.md §1 and checklist item 20:
// exactly the 29 registered codes, in numeric order, with their RFC 9110
// reason phrases (not http.StatusText's older ones).
func TestCatalogIsTheRegistry(t *testing.T) {
	codes := codes4xx()
	if len(codes) != len(registered4xx) {
		t.Fatalf("catalog has %d codes, want %d", len(codes), len(registered4xx))
	}
	for i, want := range registered4xx {
		c := codes[i]
		if c.Status != want.status || c.Title != want.title {
			t.Errorf("codes[%d] = %d %q, want %d %q", i, c.Status, c.Title, want.status, want.title)
		}
		if got, ok := catalog.Standard().ForStatus(want.status); !ok || got.Status != want.status {
			t.Errorf("Lookup(%d) = %d, %v", want.status, got.Status, ok)
		}
		if got := errorsx.ReasonPhrase(want.status); got != want.title {
			t.Errorf("ReasonPhrase(%d) = %q, want %q", want.status, got, want.title)
		}
	}
	for _, status := range []int{-1, 0, 200, 399, 419, 420, 427, 430, 450, 452, 499, 505, 599, 600, 1 << 20} {
		if c, ok := catalog.Standard().ForStatus(status); ok {
			t.Errorf("Lookup(%d) = %d, want not found", status, c.Status)
		}
	}
}

// TestCatalogSlugs checks that slugs are unique, URL-safe and found by
// LookupSlug.
func TestCatalogSlugs(t *testing.T) {
	seen := map[string]int{}
	for _, c := range codes4xx() {
		if prev, dup := seen[c.Slug]; dup {
			t.Errorf("slug %q used by %d and %d", c.Slug, prev, c.Status)
		}
		seen[c.Slug] = c.Status
		if c.Slug == "" || strings.Trim(c.Slug, "abcdefghijklmnopqrstuvwxyz-") != "" || strings.Contains(c.Slug, "--") {
			t.Errorf("%d: slug %q is not lower-case words joined by hyphens", c.Status, c.Slug)
		}
		if got, ok := catalog.Standard().Lookup(c.Slug); !ok || got.Status != c.Status {
			t.Errorf("LookupSlug(%q) = %d, %v", c.Slug, got.Status, ok)
		}
	}
	if _, ok := catalog.Standard().Lookup("no-such-slug"); ok {
		t.Error("LookupSlug found an unknown slug")
	}
}

// TestCatalogProse checks that every entry documents itself fully and in
// one style: a one-line summary, a meaning of two to four sentences, 3–6
// causes and 2–4 fixes as capitalised phrases without a final period, a
// retry note, and search keywords.
func TestCatalogProse(t *testing.T) {
	sentence := func(s string) bool {
		return s != "" && !strings.ContainsAny(s, "\n\t") && unicode.IsUpper([]rune(s)[0]) && strings.HasSuffix(s, ".")
	}
	phrase := func(s string) bool {
		r := []rune(s)
		return len(r) > 10 && !strings.ContainsAny(s, "\n\t") && (unicode.IsUpper(r[0]) || unicode.IsDigit(r[0])) &&
			!strings.HasSuffix(s, ".") && strings.TrimSpace(s) == s
	}
	for _, c := range codes4xx() {
		if !sentence(c.Summary) || len(c.Summary) > 130 {
			t.Errorf("%d: summary %q is not one short sentence", c.Status, c.Summary)
		}
		if !sentence(c.Meaning) {
			t.Errorf("%d: meaning %q is not prose", c.Status, c.Meaning)
		}
		if n := strings.Count(strings.ReplaceAll(c.Meaning, "e.g. ", "")+" ", ". "); n < 2 || n > 4 {
			t.Errorf("%d: meaning has %d sentences, want 2–4", c.Status, n)
		}
		if !sentence(c.Retry) {
			t.Errorf("%d: retry %q is not a sentence", c.Status, c.Retry)
		}
		if n := len(c.Causes); n < 3 || n > 6 {
			t.Errorf("%d: %d causes, want 3–6", c.Status, n)
		}
		if n := len(c.Fixes); n < 2 || n > 4 {
			t.Errorf("%d: %d fixes, want 2–4", c.Status, n)
		}
		for _, s := range append(slices.Clone(c.Causes), c.Fixes...) {
			if !phrase(s) {
				t.Errorf("%d: %q is not a capitalised phrase without a final period", c.Status, s)
			}
		}
		if len(c.Keywords) < 3 {
			t.Errorf("%d: %d keywords, want several", c.Status, len(c.Keywords))
		}
		for _, k := range c.Keywords {
			if k == "" || k != strings.ToLower(k) || strings.TrimSpace(k) != k {
				t.Errorf("%d: keyword %q is not trimmed lower case", c.Status, k)
			}
		}
		if c.Reference == "" || !strings.HasPrefix(c.URL, "https://www.rfc-editor.org/rfc/rfc") {
			t.Errorf("%d: reference %q / URL %q", c.Status, c.Reference, c.URL)
		}
	}
}

// TestCatalogExplainsNeighbours checks that codes developers confuse
// name each other in their meaning, both ways.
func TestCatalogExplainsNeighbours(t *testing.T) {
	pairs := [][]int{{401, 403}, {400, 422}, {404, 410}, {413, 414, 431}, {406, 415}, {412, 428}}
	for _, group := range pairs {
		for _, status := range group {
			c, _ := catalog.Standard().ForStatus(status)
			for _, other := range group {
				if other != status && !strings.Contains(c.Meaning, strconv.Itoa(other)) {
					t.Errorf("%d's meaning does not mention %d", status, other)
				}
			}
		}
	}
}

// TestCatalogHeadersAndCaching checks standards.md §1, checklist items 21,
// 22, 38 and 43, and DESIGN.md rule 2: required headers, caching, the
// retry flags and the unused 418.
func TestCatalogHeadersAndCaching(t *testing.T) {
	required := map[int][]string{
		401: {"WWW-Authenticate"},
		405: {"Allow"},
		407: {"Proxy-Authenticate"},
		426: {"Upgrade"},
		429: {"Retry-After"},
	}
	cacheControl := map[int]string{401: "no-store", 403: "no-store", 405: "no-cache", 428: "no-store", 429: "no-store", 431: "no-store"}
	heuristic := []int{404, 405, 410, 414, 451}
	noRetry := []int{400, 402, 403, 404, 410, 418, 451}
	for _, c := range codes4xx() {
		if !slices.Equal(c.RequiredHeaders, required[c.Status]) {
			t.Errorf("%d: required headers %v, want %v", c.Status, c.RequiredHeaders, required[c.Status])
		}
		if c.CacheControl != cacheControl[c.Status] {
			t.Errorf("%d: Cache-Control %q, want %q", c.Status, c.CacheControl, cacheControl[c.Status])
		}
		if got, want := c.HeuristicallyCacheable, slices.Contains(heuristic, c.Status); got != want {
			t.Errorf("%d: heuristically cacheable %v, want %v", c.Status, got, want)
		}
		if got, want := c.RetryInvited, !slices.Contains(noRetry, c.Status); got != want {
			t.Errorf("%d: retry invited %v, want %v", c.Status, got, want)
		}
		if got, want := c.Unused, c.Status == 418; got != want {
			t.Errorf("%d: unused %v, want %v", c.Status, got, want)
		}
	}
	recommended := map[int]string{403: "WWW-Authenticate", 413: "Retry-After", 415: "Accept", 416: "Content-Range", 451: "Link"}
	for status, header := range recommended {
		if c, _ := catalog.Standard().ForStatus(status); !slices.Contains(c.RecommendedHeaders, header) {
			t.Errorf("%d: recommended headers %v lack %s", status, c.RecommendedHeaders, header)
		}
	}
}

// TestCodesReturnsACopy checks that a caller cannot reorder or replace
// the catalog through the slice Codes returns.
func TestCodesReturnsACopy(t *testing.T) {
	codes := codes4xx()
	codes[0] = catalog.Entry{Status: 499, Title: "Mine"}
	if c, _ := catalog.Standard().ForStatus(400); c.Title != "Bad Request" {
		t.Fatalf("Lookup(400).Title = %q after editing Codes()", c.Title)
	}
	if got := codes4xx()[0]; got.Status != 400 {
		t.Fatalf("Codes()[0] = %d after editing an earlier copy", got.Status)
	}
}
