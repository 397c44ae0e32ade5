package reference_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"github.com/fourxx/fourxx/errorsx/catalog"
)

var teamTypes = catalog.New(
	catalog.Entry{
		Slug: "order-locked", Status: 409, Title: "Order locked",
		Summary:  "Someone else is editing the order; retry when their lock expires.",
		Causes:   []string{"Another user opened the order for editing"},
		Fixes:    []string{"Wait until the lock expires, then retry"},
		Keywords: []string{"lock", "editing"},
		Members: []catalog.Member{
			{Name: "holder", Type: "string", Description: "Who holds the lock", Required: true, Example: "ann@example.com"},
			{Name: "expires_in", Type: "integer", Description: "Seconds until the lock expires", Example: 90},
		},
	},
	catalog.Entry{
		Slug: "session-revoked", Status: 401, Title: "Session revoked",
		Summary: "An administrator ended the session; sign in again.",
	},
)

func newTeamSite(t *testing.T) *testSite {
	t.Helper()
	return newCatalogSite(t, teamTypes, func(h http.Handler) http.Handler {
		mux := http.NewServeMux()
		mux.Handle("/problems/", h)
		return mux
	})
}

// The index groups the team's types beside the standard codes, and each has
// a page with its members and an example response the renderer wrote.
func TestTeamTypesHavePages(t *testing.T) {
	site := newTeamSite(t)
	_, index := site.do(t, "GET", "/problems/", nil)
	team := between(index, `id="team-types"`, "</ol>")
	if !strings.Contains(team, `href="/problems/order-locked"`) || !strings.Contains(team, `href="/problems/session-revoked"`) {
		t.Errorf("the index's team section lacks the types: %s", team)
	}
	if strings.Index(index, `id="team-types"`) > strings.Index(index, `id="server-errors"`) {
		t.Error("the team's types are not listed beside the 4xx codes, before the 5xx")
	}
	res, page := site.do(t, "GET", "/problems/order-locked", nil)
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	members := between(page, `id="members"`, "</table>")
	for _, want := range []string{"holder", "expires_in", "integer", "Who holds the lock"} {
		if !strings.Contains(members, want) {
			t.Errorf("members table lacks %q: %s", want, members)
		}
	}
	example := between(page, `id="example"`, "</pre>")
	for _, want := range []string{"HTTP/1.1 409", htmlText(`"type":"` + site.typeBase + `order-locked"`), htmlText(`"holder":"ann@example.com"`), htmlText(`"expires_in":90`), htmlText("Content-Type: application/problem+json")} {
		if !strings.Contains(example, want) {
			t.Errorf("example lacks %q: %s", want, example)
		}
	}
	if !strings.Contains(page, `href="/problems/conflict"`) {
		t.Error("the page does not link its status's standard entry")
	}
	res, doc := site.do(t, "GET", "/problems/session-revoked", acceptJSON)
	var entry struct {
		Team    bool
		Status  int
		Example struct{ Headers http.Header }
	}
	if err := json.Unmarshal([]byte(doc), &entry); err != nil || res.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("%v %q", err, res.Header.Get("Content-Type"))
	}
	if !entry.Team || entry.Status != 401 || entry.Example.Headers.Get("WWW-Authenticate") == "" {
		t.Errorf("JSON page %+v: a 401 type's example needs its challenge", entry)
	}
}

// Search covers every entry: the 5xx pages and the team's types.
func TestSearchCoversEveryEntry(t *testing.T) {
	site := newTeamSite(t)
	for q, first := range map[string]string{
		"503":                   "service-unavailable",
		"internal server error": "internal-server-error",
		"bad gateway":           "bad-gateway",
		"order locked":          "order-locked",
		"who holds the lock":    "order-locked",
		"session revoked":       "session-revoked",
	} {
		_, body := site.do(t, "GET", "/problems/?q="+url.QueryEscape(q), acceptJSON)
		var doc searchDoc
		if err := json.Unmarshal([]byte(body), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Results) == 0 || doc.Results[0].Slug != first {
			t.Errorf("%q: results %+v, want %s first", q, doc.Results, first)
		}
	}
}

// The site serves the catalog's OpenAPI 3.1 components at openapi.json,
// valid by libopenapi-validator, with the team's types in them.
func TestOpenAPIDocumentIsServed(t *testing.T) {
	site := newTeamSite(t)
	res, body := site.do(t, "GET", "/problems/openapi.json", nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/json" || res.Header.Get("ETag") == "" {
		t.Fatalf("status %d, Content-Type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	doc, err := libopenapi.NewDocument([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if ok, verrs := v.ValidateDocument(); !ok {
		for _, e := range verrs {
			t.Errorf("%s: %s", e.Message, e.Reason)
		}
	}
	for _, want := range []string{`"order-locked"`, `"session-revoked"`, `"const": "` + site.typeBase + `order-locked"`, `"RateLimitProblem"`} {
		if !strings.Contains(body, want) {
			t.Errorf("openapi.json lacks %s", want)
		}
	}
}

// A team type may require header fields its status does not: its example
// carries each with an example value, so that a Strict renderer can build
// the site, and the page shows the field.
func TestTeamTypeRequiredHeadersInExample(t *testing.T) {
	cat := catalog.New(catalog.Entry{
		Slug: "order-moved", Status: 409, Title: "Order moved",
		Summary:         "The order moved to another shop; follow the Link field.",
		RequiredHeaders: []string{"Link"},
	})
	site := newCatalogSite(t, cat, func(h http.Handler) http.Handler {
		mux := http.NewServeMux()
		mux.Handle("/problems/", h)
		return mux
	})
	for range 2 { // the first request builds the site, the second reuses it
		res, page := site.do(t, "GET", "/problems/order-moved", nil)
		if res.StatusCode != 200 {
			t.Fatalf("status %d", res.StatusCode)
		}
		if example := between(page, `id="example"`, "</pre>"); !strings.Contains(example, "Link: example") {
			t.Errorf("example lacks the required Link field: %s", example)
		}
	}
	if res, _ := site.do(t, "GET", "/problems/no-such-code", nil); res.StatusCode != 404 {
		t.Errorf("unknown code: status %d, want 404", res.StatusCode)
	}
}
