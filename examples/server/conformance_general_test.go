// Checklist §2.2, general 4xx, HEAD and OPTIONS (RFC 9110): items 17–21 of
// docs/standards.md, against the running demo.

package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
)

// Item 17: every non-HEAD error carries a body with title and/or detail.
func TestItem17_ErrorsHaveExplanatoryBody(t *testing.T) {
	t.Parallel()
	for _, x := range errorCorpus(t) {
		p := x.problem(t)
		title, _ := p["title"].(string)
		detail, _ := p["detail"].(string)
		if title == "" && detail == "" {
			t.Errorf("%s: no title or detail: %s", x.name, x.body)
		}
	}
}

// Item 18: HEAD to a protected URL without credentials → 401 with
// WWW-Authenticate and problem+json, no content; the same header fields as
// GET (Content-Length aside, which RFC 9110 §9.3.2 lets HEAD omit, and the
// RateLimit value, which counts the GET).
func TestItem18_HEADHasHeadersNoBody(t *testing.T) {
	t.Parallel()
	s := startRoomyDemo(t)
	for _, path := range []string{"/v1/widgets", "/v1/widgets/1"} {
		head := s.do(t, req{method: http.MethodHead, path: path})
		get := s.do(t, req{method: http.MethodGet, path: path})
		if head.status != http.StatusUnauthorized || len(head.body) != 0 {
			t.Errorf("HEAD %s: %d with %d body bytes", path, head.status, len(head.body))
		}
		if len(head.header.Values("WWW-Authenticate")) == 0 || head.header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("HEAD %s: headers %v", path, head.header)
		}
		for name, want := range get.header {
			switch name {
			case "Date", "Content-Length", "Ratelimit":
				continue
			}
			if got := head.header[name]; !slices.Equal(got, want) {
				t.Errorf("HEAD %s: %s %q, GET has %q", path, name, got, want)
			}
		}
	}
}

// sweep sends a bounded grid of methods × paths × credentials to the demo.
func sweep(t *testing.T) []exchange {
	t.Helper()
	s := startRoomyDemo(t)
	methods := []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "BREW", "get"}
	paths := []string{"/", "/healthz", "/nope", "/v1", "/v1/widgets", "/v1/widgets/1", "/v1/widgets/1/x",
		"/problems/", "/problems/429", "/problems/418", "/problems/402", "/problems/unused", "/problems/payment-required"}
	creds := [][]string{noAuth, badBearer, readerAuth, adminAuth, aliceAuth,
		{"Proxy-Authorization", "Basic Zm9vOmJhcg=="}}
	var out []exchange
	for _, m := range methods {
		for _, p := range paths {
			for _, c := range creds {
				var body []byte
				h := c
				if m == "POST" || m == "PUT" || m == "PATCH" {
					body, h = validBody, hdrs(c, jsonBody)
				}
				out = append(out, s.do(t, req{method: m, path: p, body: body, headers: h}))
			}
		}
	}
	return out
}

// Item 19: no path of the demo ever answers 418 or 402.
func TestItem19_No418Or402(t *testing.T) {
	t.Parallel()
	statuses := map[int]int{}
	for _, x := range append(sweep(t), errorCorpus(t)...) {
		statuses[x.status]++
		if x.status == 418 || x.status == 402 {
			t.Errorf("%s: %d", x.name, x.status)
		}
	}
	t.Logf("statuses seen: %v", statuses)
	// What the renderer would send if code asked it for 418: 400.
	rd := demoRenderer("http://demo.test")
	if status, _, _ := rd.Render(httptest.NewRequest("GET", "/", nil), errorsx.New(418, "teapot")); status != 400 {
		t.Errorf("a 418 problem is rendered as %d, want 400", status)
	}
}

// The 29 registered 4xx codes of standards.md §1.
var registered4xx = []int{400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415,
	416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451}

// Item 20: the catalog lists exactly the 29 registered codes — both the Go
// catalog and the one the demo's reference site publishes — and every
// status the demo sends is registered (or 5xx).
func TestItem20_OnlyRegisteredCodes(t *testing.T) {
	t.Parallel()
	var codes []int
	for _, c := range catalog.Standard().Entries() {
		if c.Status < 500 {
			codes = append(codes, c.Status)
		}
	}
	slices.Sort(codes)
	if !slices.Equal(codes, registered4xx) {
		t.Errorf("catalog 4xx entries: %v, want %v", codes, registered4xx)
	}
	s := startRoomyDemo(t)
	x := s.do(t, req{path: "/problems/", headers: []string{"Accept", "application/json"}})
	var index struct {
		Results []struct {
			Status int
			Team   bool
		} `json:"results"`
	}
	if err := json.Unmarshal(x.body, &index); err != nil {
		t.Fatalf("%v: %v", x, err)
	}
	var site []int
	for _, r := range index.Results {
		if r.Status < 500 && !r.Team {
			site = append(site, r.Status)
		}
	}
	slices.Sort(site)
	if !slices.Equal(site, registered4xx) {
		t.Errorf("reference site index: %v", site)
	}
	for _, x := range errorCorpus(t) {
		if x.status < 500 && !slices.Contains(registered4xx, x.status) {
			t.Errorf("%s: unregistered %d", x.name, x.status)
		}
	}
}

var storable = regexp.MustCompile(`(?i)\b(public|max-age|s-maxage)\b`)

// assertNotStorable checks RFC 6585's MUST NOT store: no freshness that
// lets a cache store it, and (design) Cache-Control: no-store.
func assertNotStorable(t *testing.T, name string, h http.Header, wantNoStore bool) {
	t.Helper()
	cc := strings.Join(h.Values("Cache-Control"), ", ")
	if storable.MatchString(cc) || len(h.Values("Expires")) > 0 {
		t.Errorf("%s: Cache-Control %q, Expires %q", name, cc, h.Values("Expires"))
	}
	if wantNoStore && !strings.Contains(strings.ToLower(cc), "no-store") {
		t.Errorf("%s: Cache-Control %q, want no-store", name, cc)
	}
}

// Item 21: 428, 429 and 431 carry no storable freshness, and no-store.
// The 429 is the demo's own. The demo never sends 428 (it has no
// conditional requests) or a problem 431 (net/http answers oversized
// headers before any handler), so: the 428 and 431 are what the demo's
// renderer (its options, from newApp) would send; and the real server's own
// plain-text 431 is checked for storable freshness too (it has no
// no-store, a documented limitation).
func TestItem21_NoStoreOn428_429_431(t *testing.T) {
	t.Parallel()
	x, s := tooManyRequests(t)
	assertNotStorable(t, "demo 429", x.header, true)

	rd := demoRenderer(s.URL)
	r := httptest.NewRequest(http.MethodPut, "/v1/widgets/1", nil)
	for _, status := range []int{428, 431} {
		got, h, _ := rd.Render(r, errorsx.New(status, "rendered"))
		if got != status {
			t.Fatalf("rendered %d as %d", status, got)
		}
		assertNotStorable(t, "renderer "+strconv.Itoa(status), h, true)
	}

	huge := s.do(t, req{path: "/v1/widgets", headers: []string{"X-Padding", strings.Repeat("a", 1<<20+64<<10)}})
	if huge.status != http.StatusRequestHeaderFieldsTooLarge {
		t.Fatalf("oversized header section: %d", huge.status)
	}
	assertNotStorable(t, "net/http 431", huge.header, false)
}
