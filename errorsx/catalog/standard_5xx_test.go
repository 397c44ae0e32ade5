package catalog_test

import (
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
)

// The documented 5xx codes carry RFC 9110 §15.6 titles, unique slugs that
// collide with no 4xx slug, and prose for their pages.
func TestServerCodes(t *testing.T) {
	want := map[int]string{500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}
	slugs := map[string]bool{}
	for _, c := range codes4xx() {
		slugs[c.Slug] = true
	}
	codes := codes5xx()
	if len(codes) != len(want) {
		t.Fatalf("%d server codes, want %d", len(codes), len(want))
	}
	for _, c := range codes {
		if want[c.Status] != c.Title || errorsx.ReasonPhrase(c.Status) != c.Title {
			t.Errorf("%d: title %q", c.Status, c.Title)
		}
		if slugs[c.Slug] || c.Slug == "" {
			t.Errorf("%d: slug %q missing or taken", c.Status, c.Slug)
		}
		slugs[c.Slug] = true
		if c.Summary == "" || c.Meaning == "" || len(c.Causes) == 0 || len(c.Fixes) == 0 || c.Retry == "" || c.URL == "" {
			t.Errorf("%d: prose missing: %+v", c.Status, c)
		}
		if d, ok := catalog.Standard().ForStatus(c.Status); !ok || d.Slug != c.Slug {
			t.Errorf("%d: Documented = %+v, %v", c.Status, d.Slug, ok)
		}
	}
	if d, ok := catalog.Standard().ForStatus(429); !ok || d.Slug != "too-many-requests" {
		t.Errorf("Documented(429) = %q, %v", d.Slug, ok)
	}
	for _, status := range []int{420, 505, 600} {
		if _, ok := catalog.Standard().ForStatus(status); ok {
			t.Errorf("Documented(%d) found", status)
		}
	}
	codes[0].Causes[0] = "changed"
	if codes5xx()[0].Causes[0] == "changed" {
		t.Error("ServerCodes shares memory with the catalog")
	}
}
