package middleware_test

import (
	"github.com/fourxx/fourxx/internal/httpcheck"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/middleware"
)

// newStdlibAPI is a Go 1.22+ ServeMux app: method patterns answered by the
// mux itself, a path-only pattern guarded by Methods, all behind Normalize.
func newStdlibAPI() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "item "+r.PathValue("id"))
	})
	mux.HandleFunc("DELETE /items/{id}", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	create := strict.Handler(func(w http.ResponseWriter, r *http.Request) error {
		if _, err := io.ReadAll(r.Body); err != nil {
			return err
		}
		w.WriteHeader(http.StatusCreated)
		return nil
	})
	guarded := middleware.Methods(middleware.MethodsOptions{Renderer: strict}, http.MethodGet, http.MethodPost)(
		middleware.BodyLimit(middleware.BodyLimitOptions{Renderer: strict, MaxBytes: 16})(
			middleware.ContentType(middleware.ContentTypeOptions{Renderer: strict, Accept: []string{"application/json"}})(
				http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.Method == http.MethodPost {
						create.ServeHTTP(w, r)
						return
					}
					_, _ = io.WriteString(w, "[]")
				}))))
	mux.Handle("/items", guarded)
	return middleware.Normalize(middleware.NormalizeOptions{Renderer: strict})(mux)
}

func TestServeMux(t *testing.T) {
	srv := httpcheck.NewServer(t, newStdlibAPI())
	json := map[string]string{"Content-Type": "application/json"}
	tests := []struct {
		name, method, path, body string
		header                   map[string]string
		wantStatus               int
		wantAllow                string
	}{
		{"GET with path value", "GET", "/items/3", "", nil, 200, ""},
		{"39 HEAD on GET pattern", "HEAD", "/items/3", "", nil, 200, ""},
		{"39 HEAD on Methods route", "HEAD", "/items", "", nil, 200, ""},
		{"404 from the mux", "GET", "/nope", "", nil, 404, ""},
		{"18 HEAD 404 from the mux", "HEAD", "/nope", "", nil, 404, ""},
		{"38 405 from the mux keeps Allow", "PUT", "/items/3", "", nil, 405, "DELETE, GET, HEAD"},
		{"38 405 from Methods", "DELETE", "/items", "", nil, 405, "GET, HEAD, POST"},
		{"41 OPTIONS from Methods", "OPTIONS", "/items", "", nil, 204, "GET, HEAD, POST"},
		{"41 OPTIONS on a mux method pattern answered from the mux's Allow", "OPTIONS", "/items/3", "", nil, 204, "DELETE, GET, HEAD"},
		{"40 BREW on Methods route", "BREW", "/items", "", nil, 501, ""},
		{"40 BREW on a mux method pattern", "BREW", "/items/3", "", nil, 501, ""},
		{"40 BREW on no route", "BREW", "/nope", "", nil, 501, ""},
		{"413", "POST", "/items", strings.Repeat("x", 17), json, 413, ""},
		{"415", "POST", "/items", "{}", map[string]string{"Content-Type": "text/csv"}, 415, ""},
		{"created", "POST", "/items", "{}", json, 201, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			rep := httpcheck.Send(t, srv, tt.method, tt.path, body, tt.header)
			if tt.wantStatus < 300 {
				if rep.Status != tt.wantStatus {
					t.Fatalf("status %d, want %d: %s", rep.Status, tt.wantStatus, rep.Body)
				}
				if tt.wantStatus == 204 {
					httpcheck.WantAllow(t, rep, tt.wantAllow)
				}
				return
			}
			httpcheck.WantProblem(t, rep, tt.wantStatus, tt.method == http.MethodHead)
			if tt.wantStatus == 405 {
				httpcheck.WantAllow(t, rep, tt.wantAllow)
			}
		})
	}
	t.Run("413 chunked", func(t *testing.T) {
		httpcheck.WantProblem(t, httpcheck.SendChunked(t, srv, "/items", strings.Repeat("y", 4096), "application/json"), 413, false)
	})
	t.Run("get is not GET", func(t *testing.T) {
		httpcheck.WantProblem(t, httpcheck.SendRaw(t, srv, "get /items/3 HTTP/1.1"), 501, false)
	})
}
