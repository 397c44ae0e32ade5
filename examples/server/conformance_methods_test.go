// Checklist §2.4, method checks (RFC 9110 §9, §10.2.1, §15.5.6): items 38–43
// of docs/standards.md, against the running demo.

package main

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/middleware"
)

func allowSet(h http.Header) []string {
	var out []string
	for _, line := range h.Values("Allow") {
		for m := range strings.SplitSeq(line, ",") {
			if m = strings.TrimSpace(m); m != "" {
				out = append(out, m)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Item 38: 405 carries Allow with the resource's methods.
func TestItem38_405HasAllow(t *testing.T) {
	t.Parallel()
	s := startRoomyDemo(t)
	cases := []struct {
		rq   req
		want []string
	}{
		{req{method: http.MethodDelete, path: "/v1/widgets", headers: adminAuth}, []string{"GET", "HEAD", "POST"}},
		{req{method: http.MethodPatch, path: "/v1/widgets/1", headers: writerAuth}, []string{"DELETE", "GET", "HEAD", "PUT"}},
		{req{method: http.MethodPost, path: "/healthz", body: []byte("x")}, []string{"GET", "HEAD"}},
		{req{method: http.MethodDelete, path: "/problems/not-found"}, []string{"GET", "HEAD"}},
	}
	for _, c := range cases {
		x := s.do(t, c.rq)
		if x.status != http.StatusMethodNotAllowed || !slices.Equal(allowSet(x.header), c.want) {
			t.Errorf("%s: %d Allow %q, want 405 %q", x.name, x.status, x.header.Values("Allow"), c.want)
		}
	}
}

// Item 39: wherever GET is allowed, Allow lists HEAD and HEAD → 2xx.
func TestItem39_HEADWhereverGET(t *testing.T) {
	t.Parallel()
	s := startRoomyDemo(t)
	created := s.do(t, req{method: http.MethodPost, path: "/v1/widgets", body: validBody, headers: hdrs(writerAuth, jsonBody)})
	if created.status != http.StatusCreated {
		t.Fatalf("%v", created)
	}
	for _, path := range []string{"/healthz", "/v1/widgets", "/v1/widgets/1", "/problems/", "/problems/too-many-requests"} {
		head := s.do(t, req{method: http.MethodHead, path: path, headers: readerAuth})
		if head.status < 200 || head.status > 299 || len(head.body) != 0 {
			t.Errorf("HEAD %s: %d, %d body bytes", path, head.status, len(head.body))
		}
		x := s.do(t, req{method: "PATCH", path: path, body: []byte("{}"), headers: hdrs(writerAuth, jsonBody)})
		if allow := allowSet(x.header); !slices.Contains(allow, "GET") || !slices.Contains(allow, "HEAD") {
			t.Errorf("PATCH %s: %d Allow %q", path, x.status, x.header.Values("Allow"))
		}
	}
}

// Item 40: an unknown method → 501; a known one not allowed here → 405.
func TestItem40_501VersusDisallowed405(t *testing.T) {
	t.Parallel()
	s := startRoomyDemo(t)
	for _, path := range []string{"/v1/widgets", "/healthz", "/nope"} {
		if x := s.do(t, req{method: "BREW", path: path}); x.status != http.StatusNotImplemented {
			t.Errorf("BREW %s: %d", path, x.status)
		}
	}
	for _, path := range []string{"/v1/widgets", "/healthz"} {
		if x := s.do(t, req{method: http.MethodPut, path: path, body: validBody, headers: hdrs(writerAuth, jsonBody)}); x.status != http.StatusMethodNotAllowed {
			t.Errorf("PUT %s (read-only): %d", path, x.status)
		}
	}
}

// Item 41: OPTIONS on every resource of the demo → 200/204 with Allow, not
// 405, and nothing that makes it storable.
func TestItem41_OPTIONS(t *testing.T) {
	t.Parallel()
	s := startRoomyDemo(t)
	for _, path := range []string{"/v1/widgets", "/v1/widgets/1", "/healthz", "/problems/", "/problems/too-many-requests"} {
		x := s.do(t, req{method: http.MethodOptions, path: path})
		if (x.status != http.StatusOK && x.status != http.StatusNoContent) || len(allowSet(x.header)) == 0 {
			t.Errorf("OPTIONS %s: %d Allow %q", path, x.status, x.header.Values("Allow"))
		}
		if cc := strings.Join(x.header.Values("Cache-Control"), ","); storable.MatchString(cc) {
			t.Errorf("OPTIONS %s: Cache-Control %q", path, cc)
		}
	}
}

// Item 42: a disabled resource → 405 with an Allow field present and empty.
// The demo has no disabled resource; the test disables one with the
// middleware the suite provides for it (middleware.Methods with no method)
// and the demo's renderer options, on a real server.
func TestItem42_EmptyAllowForDisabledResource(t *testing.T) {
	t.Parallel()
	ts := httptest.NewUnstartedServer(nil)
	rd := demoRenderer("http://" + ts.Listener.Addr().String())
	ts.Config.Handler = middleware.Methods(middleware.MethodsOptions{Renderer: rd})(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusTeapot) // never reached
	}))
	ts.Start()
	t.Cleanup(ts.Close)
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		x := doURL(t, ts.Client(), ts.URL, req{method: m, path: "/disabled"})
		allow, present := x.header["Allow"]
		if x.status != http.StatusMethodNotAllowed || !present || strings.TrimSpace(strings.Join(allow, "")) != "" {
			t.Errorf("%s: %d Allow present=%v %q", m, x.status, present, allow)
		}
	}
}

// Item 43: 405 sends Cache-Control no-cache or a max-age.
func TestItem43_405CacheControl(t *testing.T) {
	t.Parallel()
	s := startRoomyDemo(t)
	for _, rq := range []req{
		{method: http.MethodPatch, path: "/v1/widgets/1"},
		{method: http.MethodDelete, path: "/v1/widgets"},
		{method: http.MethodPost, path: "/healthz", body: []byte("x")},
		{method: http.MethodPut, path: "/problems/", body: []byte("x")},
	} {
		x := s.do(t, rq)
		cc := strings.ToLower(strings.Join(x.header.Values("Cache-Control"), ","))
		if x.status != http.StatusMethodNotAllowed || !(strings.Contains(cc, "no-cache") || strings.Contains(cc, "max-age")) {
			t.Errorf("%s: %d Cache-Control %q", x.name, x.status, cc)
		}
	}
}
