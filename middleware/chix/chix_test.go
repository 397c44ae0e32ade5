package chix_test

import (
	"context"
	"fmt"
	"github.com/fourxx/fourxx/internal/httpcheck"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/logtest"
	"github.com/fourxx/fourxx/middleware"
	"github.com/fourxx/fourxx/middleware/chix"
)

// newChiAPI builds a chi app with nested routers, a mounted sub-router, URL
// parameters, an explicit OPTIONS route and body guards.
func newChiAPI() http.Handler {
	r := chi.NewRouter()
	chix.Setup(r, chix.Options{Renderer: strict})

	echoID := func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "item "+chi.URLParam(r, "id")) }
	guards := chi.Chain(
		middleware.BodyLimit(middleware.BodyLimitOptions{Renderer: strict, MaxBytes: 16}),
		middleware.ContentType(middleware.ContentTypeOptions{Renderer: strict, Accept: []string{"application/json"}}),
	)
	r.Get("/", ok)
	r.Route("/items", func(r chi.Router) {
		r.Get("/", ok)
		r.With(guards...).Post("/", strict.Handler(func(w http.ResponseWriter, r *http.Request) error {
			if _, err := io.ReadAll(r.Body); err != nil {
				return err
			}
			w.WriteHeader(http.StatusCreated)
			return nil
		}).ServeHTTP)
		r.Route("/{id}", func(r chi.Router) {
			r.Get("/", echoID)
			r.Put("/", echoID)
			r.Delete("/", echoID)
		})
	})
	admin := chi.NewRouter()
	admin.Get("/users/{name}", ok)
	admin.Patch("/users/{name}", ok)
	r.Mount("/admin", admin)
	r.Options("/cors", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	r.Post("/cors", ok)
	return r
}

func TestSetup(t *testing.T) {
	srv := httpcheck.NewServer(t, newChiAPI())
	tests := []struct {
		name, method, path string
		body               string
		header             map[string]string
		wantStatus         int
		wantAllow          string
	}{
		{"GET root", "GET", "/", "", nil, 200, ""},
		{"URL param", "GET", "/items/7", "", nil, 200, ""},
		{"39 HEAD on GET route", "HEAD", "/items/7", "", nil, 200, ""},
		{"39 HEAD on mounted GET route", "HEAD", "/admin/users/ann", "", nil, 200, ""},
		{"404 unknown path", "GET", "/nope", "", nil, 404, ""},
		{"18 HEAD on unknown path", "HEAD", "/nope", "", nil, 404, ""},
		{"404 under mount", "GET", "/admin/nope", "", nil, 404, ""},
		{"38 405 nested with param", "POST", "/items/7", "", nil, 405, "GET, HEAD, PUT, DELETE"},
		{"38 405 on mounted router", "DELETE", "/admin/users/ann", "", nil, 405, "GET, HEAD, PATCH"},
		{"38 405 on sub-router root", "PUT", "/items", "", nil, 405, "GET, HEAD, POST"},
		{"18 HEAD gets no body on 405 path", "HEAD", "/cors", "", nil, 405, "POST, OPTIONS"},
		{"41 OPTIONS answered", "OPTIONS", "/items/7", "", nil, 204, "GET, HEAD, PUT, DELETE"},
		{"41 OPTIONS on mount", "OPTIONS", "/admin/users/bob", "", nil, 204, "GET, HEAD, PATCH"},
		{"app OPTIONS route kept", "OPTIONS", "/cors", "", nil, 200, ""},
		{"40 BREW", "BREW", "/items", "", nil, 501, ""},
		{"40 BREW on unknown path", "BREW", "/nope", "", nil, 501, ""},
		{"413 declared length", "POST", "/items", strings.Repeat("x", 17), map[string]string{"Content-Type": "application/json"}, 413, ""},
		{"415 wrong type", "POST", "/items", "{}", map[string]string{"Content-Type": "text/plain"}, 415, ""},
		{"created", "POST", "/items", "{}", map[string]string{"Content-Type": "Application/JSON; charset=UTF-8"}, 201, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			rep := httpcheck.Send(t, srv, tt.method, tt.path, body, tt.header)
			switch {
			case tt.wantStatus < 300:
				if rep.Status != tt.wantStatus {
					t.Fatalf("status %d, want %d: %s", rep.Status, tt.wantStatus, rep.Body)
				}
				if tt.wantStatus == 204 {
					httpcheck.WantAllow(t, rep, tt.wantAllow)
				}
				if tt.method == http.MethodHead && len(rep.Body) != 0 {
					t.Fatalf("HEAD body %q", rep.Body)
				}
			default:
				httpcheck.WantProblem(t, rep, tt.wantStatus, tt.method == http.MethodHead)
				if tt.wantStatus == 405 {
					httpcheck.WantAllow(t, rep, tt.wantAllow)
				}
			}
		})
	}
}

// TestOddMethods checks lower-case and odd methods and OPTIONS *, which
// the Go client cannot send.
func TestOddMethods(t *testing.T) {
	srv := httpcheck.NewServer(t, newChiAPI())
	tests := []struct {
		requestLine string
		wantStatus  int
	}{
		{"get /items HTTP/1.1", 501},
		{"Delete /items/1 HTTP/1.1", 501},
		{"QUERY /items HTTP/1.1", 501}, // routed by chi, unknown to the default set
		{"OPTIONS * HTTP/1.1", 204},
	}
	for _, tt := range tests {
		t.Run(tt.requestLine, func(t *testing.T) {
			rep := httpcheck.SendRaw(t, srv, tt.requestLine)
			if tt.wantStatus == 204 {
				if rep.Status != 204 {
					t.Fatalf("status %d", rep.Status)
				}
				httpcheck.WantAllow(t, rep, "GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE")
				return
			}
			httpcheck.WantProblem(t, rep, tt.wantStatus, false)
		})
	}
}

// TestChunkedBodyTooLarge sends an oversized body without Content-Length:
// the handler only calls io.ReadAll and returns the error.
func TestChunkedBodyTooLarge(t *testing.T) {
	srv := httpcheck.NewServer(t, newChiAPI())
	rep := httpcheck.SendChunked(t, srv, "/items", strings.Repeat("x", 1000), "application/json")
	p := httpcheck.WantProblem(t, rep, http.StatusRequestEntityTooLarge, false)
	if p.Title != "Content Too Large" || p.MaxBytes != 16 {
		t.Fatalf("47: title %q max_bytes %d", p.Title, p.MaxBytes)
	}
	if rep.Header.Get("Retry-After") != "" {
		t.Fatal("47: a permanent limit must not send Retry-After")
	}
}

// TestKnownMethodOutsideChi: a method the options know but chi never
// routes reaches the 405 handler for every path; where no route exists at
// all it is a 404, not a 405 with an empty Allow.
func TestKnownMethodOutsideChi(t *testing.T) {
	r := chi.NewRouter()
	known := []string{http.MethodGet, http.MethodHead, "PROPFIND"}
	chix.Setup(r, chix.Options{Renderer: strict, Known: known})
	r.Get("/x", ok)
	srv := httpcheck.NewServer(t, r)
	httpcheck.WantProblem(t, httpcheck.SendRaw(t, srv, "PROPFIND /y HTTP/1.1"), http.StatusNotFound, false)
	rep := httpcheck.SendRaw(t, srv, "PROPFIND /x HTTP/1.1")
	httpcheck.WantProblem(t, rep, http.StatusMethodNotAllowed, false)
	httpcheck.WantAllow(t, rep, "GET, HEAD")
}

// TestUsesDefaultRenderer checks the nil Renderer default.
func TestUsesDefaultRenderer(t *testing.T) {
	r := chi.NewRouter()
	chix.Setup(r, chix.Options{})
	r.Get("/x", ok)
	rec := httpcheck.RecorderDo(r, httptest.NewRequest(http.MethodPost, "/x", nil))
	if rec.Code != 405 || rec.Header().Get("Allow") != "GET, HEAD" || rec.Header().Get("Content-Type") != errorsxProblemJSON {
		t.Fatalf("got %d %v", rec.Code, rec.Header())
	}
}

const errorsxProblemJSON = "application/problem+json"

// TestUnknownMethodOnUnroutedPath: a method chi routes but the options do
// not know is 501 on every path (RFC 9110 §9.1), not 501 on a routed path
// and 404 elsewhere.
func TestUnknownMethodOnUnroutedPath(t *testing.T) {
	r := chi.NewRouter()
	chix.Setup(r, chix.Options{Renderer: strict, Known: []string{http.MethodGet, http.MethodHead, http.MethodOptions}})
	r.Get("/x", ok)
	srv := httpcheck.NewServer(t, r)
	for _, path := range []string{"/x", "/nope"} {
		httpcheck.WantProblem(t, httpcheck.SendRaw(t, srv, "DELETE "+path+" HTTP/1.1"), http.StatusNotImplemented, false)
	}
	httpcheck.WantProblem(t, httpcheck.SendRaw(t, srv, "GET /nope HTTP/1.1"), http.StatusNotFound, false)
}

// TestMountedServeMux: a ServeMux mounted under chi answers its own
// plain-text 404 and 405; Setup's Normalize turns both into problems, keeps
// the mux's Allow and answers OPTIONS and unknown methods by the same rules
// as chi's own routes. Success passes through untouched.
func TestMountedServeMux(t *testing.T) {
	legacy := http.NewServeMux()
	legacy.HandleFunc("GET /reports/{id}", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "report") })
	legacy.HandleFunc("DELETE /reports/{id}", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "report "+r.PathValue("id")+" is archived", http.StatusConflict)
	})
	r := chi.NewRouter()
	chix.Setup(r, chix.Options{Renderer: strict})
	r.Mount("/legacy", http.StripPrefix("/legacy", legacy))
	srv := httpcheck.NewServer(t, r)
	tests := []struct {
		method, path string
		wantStatus   int
		wantAllow    string
		wantDetail   string
	}{
		{"GET", "/legacy/reports/1", 200, "", ""},
		{"PUT", "/legacy/reports/1", 405, "DELETE, GET, HEAD", ""},
		{"OPTIONS", "/legacy/reports/1", 204, "DELETE, GET, HEAD", ""},
		{"BREW", "/legacy/reports/1", 501, "", ""},
		{"GET", "/legacy/nowhere", 404, "", errorsx.NotFoundDetail},
		{"DELETE", "/legacy/reports/7", 409, "", "report 7 is archived"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rep := httpcheck.Send(t, srv, tt.method, tt.path, nil, nil)
			if tt.wantStatus < 300 {
				if rep.Status != tt.wantStatus {
					t.Fatalf("status %d, want %d: %s", rep.Status, tt.wantStatus, rep.Body)
				}
				if tt.wantStatus == 200 && string(rep.Body) != "report" {
					t.Fatalf("body %q", rep.Body)
				}
				if tt.wantStatus == 204 {
					httpcheck.WantAllow(t, rep, tt.wantAllow)
				}
				return
			}
			p := httpcheck.WantProblem(t, rep, tt.wantStatus, false)
			if tt.wantStatus == 405 {
				httpcheck.WantAllow(t, rep, tt.wantAllow)
			}
			if tt.wantDetail != "" && p.Detail != tt.wantDetail {
				t.Fatalf("detail %q, want %q", p.Detail, tt.wantDetail)
			}
		})
	}
}

// groupKey is the context key of the sub-router middleware in
// TestWarningsPerChiRoute.
type groupKey struct{}

// TestWarningsPerChiRoute: Normalize's warnings about a legacy 401 without
// WWW-Authenticate are counted per chi route, even in a sub-router whose
// middleware replaces the request (as authentication does).
func TestWarningsPerChiRoute(t *testing.T) {
	logger, logs := logtest.New()
	r := chi.NewRouter()
	chix.Setup(r, chix.Options{Renderer: strict, Logger: logger})
	legacy := func(w http.ResponseWriter, r *http.Request) { http.Error(w, "admin only", http.StatusUnauthorized) }
	r.Route("/v1", func(r chi.Router) {
		r.Use(func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
				next.ServeHTTP(w, req.WithContext(context.WithValue(req.Context(), groupKey{}, 1)))
			})
		})
		r.Get("/admin/{page}", legacy)
		r.Get("/reports", legacy)
	})
	srv := httpcheck.NewServer(t, r)
	for _, path := range []string{"/v1/admin/a", "/v1/admin/b", "/v1/reports", "/v1/reports"} {
		rep := httpcheck.Send(t, srv, "GET", path, nil, nil)
		httpcheck.WantProblem(t, rep, http.StatusUnauthorized, false)
		if got := rep.Header.Get("WWW-Authenticate"); got != "Bearer" {
			t.Fatalf("%s: WWW-Authenticate %q", path, got)
		}
	}
	if n := strings.Count(logs.String(), "level=WARN"); n != 2 {
		t.Fatalf("%d warnings, want one per route:\n%s", n, logs)
	}
	for _, route := range []string{`route=/v1/admin/{page}`, `route=/v1/reports`} {
		if !strings.Contains(logs.String(), route) {
			t.Errorf("no warning names %s:\n%s", route, logs)
		}
	}
}

// TestSetupPanicsOnBadKnown: a method name that is not a token is a
// programming error, refused at start-up with "chix: Known: …".
func TestSetupPanicsOnBadKnown(t *testing.T) {
	defer func() {
		if msg := fmt.Sprint(recover()); !strings.HasPrefix(msg, "chix: Known: ") {
			t.Fatalf("panic %q, want one starting \"chix: Known: \"", msg)
		}
	}()
	chix.Setup(chi.NewRouter(), chix.Options{Known: []string{"GET", "BAD METHOD"}})
}

// TestRecoverOutsideSetup: with Recover before Setup, as recommended, a
// handler that panics after a plain-text error (held by Normalize, so not
// yet sent) still gets a clean 500 problem.
func TestRecoverOutsideSetup(t *testing.T) {
	r := chi.NewRouter()
	r.Use(middleware.Recover(middleware.RecoverOptions{Renderer: strict}))
	chix.Setup(r, chix.Options{Renderer: strict})
	r.Get("/x", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "half done", http.StatusBadRequest)
		panic("after the error")
	})
	httpcheck.WantProblem(t, httpcheck.Send(t, httpcheck.NewServer(t, r), "GET", "/x", nil, nil), http.StatusInternalServerError, false)
}
