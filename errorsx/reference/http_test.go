package reference_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestConditionalRequests(t *testing.T) {
	site := newTestSite(t)
	for _, path := range []string{"/problems/", "/problems/too-many-requests", "/problems/?q=token", "/problems/assets/style.css"} {
		t.Run(path, func(t *testing.T) {
			first, body := site.do(t, "GET", path, nil)
			etag, lastMod := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
			if !regexp.MustCompile(`^"[0-9a-f]{32}"$`).MatchString(etag) {
				t.Fatalf("ETag %q is not a strong hash tag", etag)
			}
			mod, err := http.ParseTime(lastMod)
			if err != nil {
				t.Fatalf("Last-Modified %q: %v", lastMod, err)
			}
			tests := []struct {
				name   string
				header http.Header
				want   int
			}{
				{"matching etag", http.Header{"If-None-Match": {etag}}, 304},
				{"weak etag", http.Header{"If-None-Match": {"W/" + etag}}, 304},
				{"etag in a list", http.Header{"If-None-Match": {`"other", ` + etag}}, 304},
				{"star", http.Header{"If-None-Match": {"*"}}, 304},
				{"other etag", http.Header{"If-None-Match": {`"other"`}}, 200},
				{"etag wins over date", http.Header{"If-None-Match": {`"other"`}, "If-Modified-Since": {lastMod}}, 200},
				{"same date", http.Header{"If-Modified-Since": {lastMod}}, 304},
				{"later date", http.Header{"If-Modified-Since": {mod.Add(time.Hour).Format(http.TimeFormat)}}, 304},
				{"earlier date", http.Header{"If-Modified-Since": {mod.Add(-time.Second).Format(http.TimeFormat)}}, 200},
				{"bad date", http.Header{"If-Modified-Since": {"yesterday"}}, 200},
			}
			for _, tt := range tests {
				res, got := site.do(t, "GET", path, tt.header)
				if res.StatusCode != tt.want {
					t.Errorf("%s: status %d, want %d", tt.name, res.StatusCode, tt.want)
				}
				if tt.want == 304 && (got != "" || res.Header.Get("ETag") != etag || res.Header.Get("Vary") != "Accept") {
					t.Errorf("%s: 304 with body %d bytes, ETag %q, Vary %q", tt.name, len(got), res.Header.Get("ETag"), res.Header.Get("Vary"))
				}
				if tt.want == 200 && got != body {
					t.Errorf("%s: body differs from the first response", tt.name)
				}
			}
		})
	}
	htmlRes, _ := site.do(t, "GET", "/problems/gone", nil)
	jsonRes, _ := site.do(t, "GET", "/problems/gone", acceptJSON)
	if htmlRes.Header.Get("ETag") == jsonRes.Header.Get("ETag") {
		t.Error("HTML and JSON representations share an ETag")
	}
}

func TestNegotiation(t *testing.T) {
	site := newTestSite(t)
	tests := []struct {
		accept string
		want   string
	}{
		{"", "text/html; charset=utf-8"},
		{"*/*", "text/html; charset=utf-8"},
		{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html; charset=utf-8"},
		{"application/json", "application/json"},
		{"application/json, text/html;q=0.5", "application/json"},
		{"text/html;q=0.1, application/*", "application/json"},
		{"image/png", "text/html; charset=utf-8"},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.accept != "" {
			h.Set("Accept", tt.accept)
		}
		res, _ := site.do(t, "GET", "/problems/not-found", h)
		if got := res.Header.Get("Content-Type"); got != tt.want {
			t.Errorf("Accept %q: Content-Type %q, want %q", tt.accept, got, tt.want)
		}
	}
}

type problem struct {
	Type   string `json:"type"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

func TestUnknownPathsAreProblems(t *testing.T) {
	site := newTestSite(t)
	for _, path := range []string{
		"/problems/no-such-code", "/problems/505", "/problems/200", "/problems/999", "/problems/4290",
		"/problems/+429", "/problems/Unauthorized", "/problems/unauthorized/", "/problems/assets/nope.js",
		"/problems/assets/", "/problems/%3Cscript%3E",
	} {
		t.Run(path, func(t *testing.T) {
			res, body := site.do(t, "GET", path, nil)
			if res.StatusCode != 404 || res.Header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("status %d Content-Type %q, want a 404 problem", res.StatusCode, res.Header.Get("Content-Type"))
			}
			var p problem
			if err := json.Unmarshal([]byte(body), &p); err != nil {
				t.Fatal(err)
			}
			if p.Status != 404 || p.Type != site.typeBase+"not-found" {
				t.Errorf("problem %+v", p)
			}
			if strings.Contains(body, "script") {
				t.Error("the problem echoes the path")
			}
		})
	}
}

func TestOtherMethodsAre405(t *testing.T) {
	site := newTestSite(t)
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH"} {
		for _, path := range []string{"/problems/", "/problems/forbidden", "/problems/403"} {
			res, body := site.do(t, method, path, nil)
			if res.StatusCode != 405 || res.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: %d Allow %q, want 405 with Allow: GET, HEAD", method, path, res.StatusCode, res.Header.Get("Allow"))
			}
			var p problem
			if err := json.Unmarshal([]byte(body), &p); err != nil || p.Status != 405 {
				t.Errorf("%s %s: body %q is not a 405 problem", method, path, body)
			}
		}
	}
}

// HEAD gets the header fields of GET and no content (RFC 9110 §9.3.2).
func TestHead(t *testing.T) {
	site := newTestSite(t)
	for _, path := range []string{"/problems/", "/problems/?q=429", "/problems/unauthorized", "/problems/assets/search.js", "/problems/nope"} {
		t.Run(path, func(t *testing.T) {
			get, _ := site.do(t, "GET", path, nil)
			head, body := site.do(t, "HEAD", path, nil)
			if body != "" {
				t.Errorf("HEAD sent %d bytes", len(body))
			}
			if head.StatusCode != get.StatusCode {
				t.Errorf("HEAD %d, GET %d", head.StatusCode, get.StatusCode)
			}
			for _, name := range []string{"Content-Type", "Content-Length", "ETag", "Last-Modified", "Vary", "Content-Security-Policy", "Allow"} {
				if name == "Content-Length" && get.StatusCode != 200 {
					continue // a problem's length is known only while writing it, which HEAD skips (RFC 9110 §9.3.2 allows omitting it)
				}
				if head.Header.Get(name) != get.Header.Get(name) {
					t.Errorf("%s: HEAD %q, GET %q", name, head.Header.Get(name), get.Header.Get(name))
				}
			}
		})
	}
}

func TestSecurityHeadersAndSelfContainedPages(t *testing.T) {
	site := newTestSite(t)
	external := regexp.MustCompile(`<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//`)
	for _, path := range []string{"/problems/", "/problems/?q=x", "/problems/unauthorized", "/problems/unused"} {
		res, body := site.do(t, "GET", path, nil)
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "http") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", path)
		}
		if m := external.FindString(body); m != "" {
			t.Errorf("%s loads an external resource: %s", path, m)
		}
		if strings.Contains(body, "<script>") || strings.Contains(body, " style=") || strings.Contains(body, "<style") {
			t.Errorf("%s has inline script or style, which the policy forbids", path)
		}
		if !strings.Contains(body, `<meta name="viewport" content="width=device-width, initial-scale=1">`) {
			t.Errorf("%s has no viewport meta", path)
		}
	}
	for path, ct := range map[string]string{
		"/problems/assets/style.css": "text/css; charset=utf-8",
		"/problems/assets/search.js": "text/javascript; charset=utf-8",
	} {
		res, body := site.do(t, "GET", path, nil)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != ct || body == "" {
			t.Errorf("%s: %d %q (%d bytes)", path, res.StatusCode, res.Header.Get("Content-Type"), len(body))
		}
		if strings.Contains(body, "http://") || strings.Contains(body, "https://") || strings.Contains(body, "@import") {
			t.Errorf("%s refers to another site", path)
		}
	}
}

// The handler works mounted with or without http.StripPrefix, and at the
// site root.
func TestMounting(t *testing.T) {
	tests := []struct {
		name  string
		mount func(http.Handler) http.Handler
	}{
		{"prefix kept", func(h http.Handler) http.Handler { return h }},
		{"StripPrefix without slash", func(h http.Handler) http.Handler { return http.StripPrefix("/problems", h) }},
		{"StripPrefix with slash", func(h http.Handler) http.Handler { return http.StripPrefix("/problems/", h) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newTestSiteMounted(t, tt.mount)
			for path, want := range map[string]int{
				"/problems/": 200, "/problems/gone": 200, "/problems/assets/style.css": 200,
				"/problems/410": 301, "/problems/nope": 404,
			} {
				res, body := site.do(t, "GET", path, nil)
				if res.StatusCode != want {
					t.Errorf("%s: %d, want %d", path, res.StatusCode, want)
				}
				if want == 200 && strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") && !strings.Contains(body, `href="/problems/assets/style.css"`) {
					t.Errorf("%s: links are not under the base path", path)
				}
			}
		})
	}
}

func TestOptionsListsTheMethods(t *testing.T) {
	site := newTestSite(t)
	for _, path := range []string{"/problems/", "/problems/too-many-requests", "/problems/429"} {
		res, body := site.do(t, http.MethodOptions, path, nil)
		if body != "" {
			t.Errorf("OPTIONS %s: body %q", path, body)
		}
		if res.StatusCode != http.StatusNoContent || res.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("OPTIONS %s: %d Allow %q, want 204 with Allow: GET, HEAD", path, res.StatusCode, res.Header.Get("Allow"))
		}
	}
}

func TestUnknownMethodsAre501(t *testing.T) {
	site := newTestSite(t)
	for _, method := range []string{"BREW", "get", "PROPFIND"} {
		res, body := site.do(t, method, "/problems/forbidden", nil)
		var p problem
		if res.StatusCode != http.StatusNotImplemented || json.Unmarshal([]byte(body), &p) != nil || p.Status != 501 {
			t.Errorf("%s: %d %s, want a 501 problem", method, res.StatusCode, body)
		}
	}
}
