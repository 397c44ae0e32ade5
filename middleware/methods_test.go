package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/internal/httpcheck"

	"github.com/fourxx/fourxx/middleware"
)

func TestMethods(t *testing.T) {
	opts := middleware.MethodsOptions{Renderer: strict}
	mux := http.NewServeMux()
	mux.Handle("/items", middleware.Methods(opts, http.MethodGet, http.MethodPost)(ok))
	mux.Handle("/disabled", middleware.Methods(opts)(ok))
	mux.Handle("/cors", middleware.Methods(opts, http.MethodGet, http.MethodOptions)(ok))
	mux.Handle("/dav", middleware.Methods(middleware.MethodsOptions{Renderer: strict, Known: []string{"GET", "PROPFIND"}}, "PROPFIND")(ok))
	srv := httpcheck.NewServer(t, mux)

	tests := []struct {
		name, method, path string
		wantStatus         int
		wantAllow          string // checked when wantStatus is 204 or 405
	}{
		{"38 GET allowed", "GET", "/items", 200, ""},
		{"38 POST allowed", "POST", "/items", 200, ""},
		{"39 HEAD allowed with GET", "HEAD", "/items", 200, ""},
		{"38 DELETE not allowed", "DELETE", "/items", 405, "GET, HEAD, POST"},
		{"38 PATCH not allowed", "PATCH", "/items", 405, "GET, HEAD, POST"},
		{"41 OPTIONS answered", "OPTIONS", "/items", 204, "GET, HEAD, POST"},
		{"40 BREW not implemented", "BREW", "/items", 501, ""},
		{"42 disabled resource has empty Allow", "GET", "/disabled", 405, ""},
		{"42 OPTIONS on disabled resource", "OPTIONS", "/disabled", 204, ""},
		{"OPTIONS listed passes to handler", "OPTIONS", "/cors", 200, ""},
		{"custom known method allowed", "PROPFIND", "/dav", 200, ""},
		{"default method unknown to custom set", "DELETE", "/dav", 501, ""},
		{"known method not allowed on custom set", "GET", "/dav", 405, "PROPFIND"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := httpcheck.Send(t, srv, tt.method, tt.path, nil, nil)
			switch tt.wantStatus {
			case 200:
				if rep.Status != 200 {
					t.Fatalf("status %d, want 200: %s", rep.Status, rep.Body)
				}
			case 204:
				if rep.Status != 204 || len(rep.Body) != 0 {
					t.Fatalf("status %d body %q, want empty 204", rep.Status, rep.Body)
				}
				httpcheck.WantAllow(t, rep, tt.wantAllow)
			default:
				p := httpcheck.WantProblem(t, rep, tt.wantStatus, tt.method == http.MethodHead)
				if tt.wantStatus == 405 {
					httpcheck.WantAllow(t, rep, tt.wantAllow)
					if rep.Header.Get("Cache-Control") == "" {
						t.Error("43: a 405 must carry explicit Cache-Control")
					}
				}
				if tt.wantStatus == 501 && p.Detail == "" {
					t.Error("501 detail should name the method")
				}
			}
		})
	}
}

// TestMethodsOddMethods sends method names the Go client refuses to send.
func TestMethodsOddMethods(t *testing.T) {
	h := middleware.Methods(middleware.MethodsOptions{Renderer: strict}, http.MethodGet)(ok)
	srv := httpcheck.NewServer(t, h)
	tests := []struct {
		requestLine string
		wantStatus  int
	}{
		{"get /x HTTP/1.1", 501},     // case-sensitive: get is not GET
		{"Get /x HTTP/1.1", 501},     // odd case
		{"DELETE /x HTTP/1.1", 405},  // known, not allowed
		{"BR%EW /x HTTP/1.1", 501},   // odd characters in a token
		{"GET /x HTTP/1.1", 200},     // control
		{"OPTIONS * HTTP/1.1", 204},  // the server as a whole
		{"OPTIONS /x HTTP/1.1", 204}, // the resource
	}
	for _, tt := range tests {
		t.Run(tt.requestLine, func(t *testing.T) {
			rep := httpcheck.SendRaw(t, srv, tt.requestLine)
			switch tt.wantStatus {
			case 200:
				if rep.Status != 200 {
					t.Fatalf("status %d", rep.Status)
				}
			case 204:
				if rep.Status != 204 {
					t.Fatalf("status %d, want 204", rep.Status)
				}
				want := "GET, HEAD"
				if tt.requestLine == "OPTIONS * HTTP/1.1" {
					want = "GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE"
				}
				httpcheck.WantAllow(t, rep, want)
			default:
				httpcheck.WantProblem(t, rep, tt.wantStatus, false)
			}
		})
	}
}

func TestMethodsPanicsOnInvalidName(t *testing.T) {
	for _, bad := range []string{"", "G ET", "GET\n"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Methods(%q) did not panic", bad)
				}
			}()
			middleware.Methods(middleware.MethodsOptions{}, bad)
		}()
	}
}

// TestMethodsNilRendererUsesDefault checks the documented nil default.
func TestMethodsNilRendererUsesDefault(t *testing.T) {
	h := middleware.Methods(middleware.MethodsOptions{}, http.MethodGet)(ok)
	rec := httpcheck.RecorderDo(h, httptest.NewRequest(http.MethodPut, "/", nil))
	if rec.Code != 405 || rec.Header().Get("Content-Type") != "application/problem+json" || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Fatalf("got %d %v", rec.Code, rec.Header())
	}
}
