package auth_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/middleware"
)

// TestRequire_hideAs404IsIndistinguishable: a resource hidden by HideAs404
// answers exactly like a path that does not exist (middleware.NotFound, the
// router's 404): same status, same header fields and values, same body
// bytes, for every representation the renderer offers and for HEAD. Only
// Date may differ.
func TestRequire_hideAs404IsIndistinguishable(t *testing.T) {
	rd, _ := newRenderer()
	a := auth.New(auth.Options{Schemes: []auth.Scheme{auth.Bearer(auth.BearerOptions{Realm: "api", Verify: tokens})}, Renderer: rd})
	mux := http.NewServeMux()
	mux.Handle("/reports/{id}", a.Require(auth.RequireOptions{AnyRole: []string{"admin"}, HideAs404: true})(whoami))
	mux.Handle("/", middleware.NotFound(middleware.NotFoundOptions{Renderer: rd}))
	srv := serve(t, a.Authenticate(mux))
	for _, method := range []string{"GET", "HEAD"} {
		for _, accept := range []string{"", "application/problem+json", "application/problem+xml", "application/json"} {
			t.Run(method+" "+accept, func(t *testing.T) {
				h := authz("Bearer readonly")
				if accept != "" {
					h.Set("Accept", accept)
				}
				hidden := do(t, srv, method, "/reports/7", h)
				missing := do(t, srv, method, "/nothing/here", h)
				if hidden.status != 404 || missing.status != 404 {
					t.Fatalf("statuses %d and %d, want 404 for both", hidden.status, missing.status)
				}
				if hidden.body != missing.body {
					t.Errorf("bodies differ:\nhidden  %q\nmissing %q", hidden.body, missing.body)
				}
				hidden.header.Del("Date")
				missing.header.Del("Date")
				if got, want := headerLines(hidden.header), headerLines(missing.header); got != want {
					t.Errorf("headers differ:\nhidden\n%s\nmissing\n%s", got, want)
				}
			})
		}
	}
	if res := do(t, srv, "GET", "/reports/7", authz("Bearer good")); res.status != 200 {
		t.Errorf("an admin got %d, want the resource (200)", res.status)
	}
}

// headerLines renders h in a canonical order for comparison.
func headerLines(h http.Header) string {
	var b strings.Builder
	if err := h.WriteSubset(&b, nil); err != nil {
		panic(err)
	}
	return b.String()
}
