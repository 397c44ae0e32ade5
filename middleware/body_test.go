package middleware_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/internal/httpcheck"

	"github.com/fourxx/fourxx/middleware"
)

// readAll is a handler that reads the whole body and returns any error
// through the renderer, as errorsx.Handler users do.
var readAll = strict.Handler(func(w http.ResponseWriter, r *http.Request) error {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if !errors.As(err, &tooBig) {
			panic("error does not wrap *http.MaxBytesError: " + err.Error())
		}
		return err
	}
	_, _ = w.Write(b)
	return nil
})

func TestBodyLimit(t *testing.T) {
	tests := []struct {
		name       string
		retry      time.Duration
		body       string
		chunked    bool
		wantStatus int
		wantRetry  string
	}{
		{"within limit", 0, "0123456789", false, 200, ""},
		{"at limit", 0, strings.Repeat("a", 16), false, 200, ""},
		{"47 declared over limit", 0, strings.Repeat("a", 17), false, 413, ""},
		{"chunked within limit", 0, "short", true, 200, ""},
		{"47 chunked over limit", 0, strings.Repeat("a", 1<<20), true, 413, ""},
		{"temporary declared", 1500 * time.Millisecond, strings.Repeat("a", 17), false, 413, "2"},
		{"temporary chunked", 3 * time.Second, strings.Repeat("a", 100), true, 413, "3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := middleware.BodyLimit(middleware.BodyLimitOptions{Renderer: strict, MaxBytes: 16, RetryAfter: tt.retry})(readAll)
			srv := httpcheck.NewServer(t, h)
			var rep httpcheck.Reply
			if tt.chunked {
				rep = httpcheck.SendChunked(t, srv, "/", tt.body, "text/plain")
			} else {
				rep = httpcheck.Send(t, srv, http.MethodPost, "/", strings.NewReader(tt.body), nil)
			}
			if tt.wantStatus == 200 {
				if rep.Status != 200 || string(rep.Body) != tt.body {
					t.Fatalf("status %d body %q", rep.Status, rep.Body)
				}
				return
			}
			p := httpcheck.WantProblem(t, rep, 413, false)
			if p.Title != "Content Too Large" || p.MaxBytes != 16 {
				t.Fatalf("title %q max_bytes %d", p.Title, p.MaxBytes)
			}
			if got := rep.Header.Get("Retry-After"); got != tt.wantRetry {
				t.Fatalf("Retry-After %q, want %q", got, tt.wantRetry)
			}
		})
	}
}

func TestBodyLimitValidate(t *testing.T) {
	for _, tt := range []struct {
		max     int64
		wantErr string
	}{
		{1, ""},
		{0, "middleware: MaxBytes: must be positive, got 0"},
		{-5, "middleware: MaxBytes: must be positive, got -5"},
	} {
		err := middleware.BodyLimitOptions{MaxBytes: tt.max}.Validate()
		if got := fmt.Sprint(err); (err == nil) != (tt.wantErr == "") || (err != nil && got != tt.wantErr) {
			t.Errorf("Validate(MaxBytes %d) = %v, want %q", tt.max, err, tt.wantErr)
		}
	}
}

func TestContentType(t *testing.T) {
	opts := middleware.ContentTypeOptions{Renderer: strict, Accept: []string{"application/json", "application/merge-patch+json"}, Encodings: []string{"gzip"}}
	srv := httpcheck.NewServer(t, middleware.ContentType(opts)(ok))
	tests := []struct {
		name, ct, ce string
		body         bool
		wantStatus   int
		wantHeader   [2]string
	}{
		{"exact", "application/json", "", true, 200, [2]string{}},
		{"odd case and params", "Application/JSON; charset=UTF-8", "", true, 200, [2]string{}},
		{"spaces", "  application/merge-patch+json ;q=1", "", true, 200, [2]string{}},
		{"no body, no type", "", "", false, 200, [2]string{}},
		{"accepted coding", "application/json", "GZIP", true, 200, [2]string{}},
		{"identity coding", "application/json", "identity", true, 200, [2]string{}},
		{"45 wrong type", "text/plain", "", true, 415, [2]string{"Accept", "application/json, application/merge-patch+json"}},
		{"45 missing type", "", "", true, 415, [2]string{"Accept", "application/json, application/merge-patch+json"}},
		{"prefix is not a match", "application/jsonx", "", true, 415, [2]string{"Accept", "application/json, application/merge-patch+json"}},
		{"46 unsupported coding", "application/json", "br", true, 415, [2]string{"Accept-Encoding", "gzip"}},
		{"46 second coding unsupported", "application/json", "gzip, zstd", true, 415, [2]string{"Accept-Encoding", "gzip"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body io.Reader
			if tt.body {
				body = strings.NewReader("{}")
			}
			h := map[string]string{}
			if tt.ct != "" {
				h["Content-Type"] = tt.ct
			}
			if tt.ce != "" {
				h["Content-Encoding"] = tt.ce
			}
			rep := httpcheck.Send(t, srv, http.MethodPost, "/", body, h)
			if tt.wantStatus == 200 {
				if rep.Status != 200 {
					t.Fatalf("status %d: %s", rep.Status, rep.Body)
				}
				return
			}
			httpcheck.WantProblem(t, rep, 415, false)
			if got := rep.Header.Get(tt.wantHeader[0]); got != tt.wantHeader[1] {
				t.Fatalf("%s = %q, want %q", tt.wantHeader[0], got, tt.wantHeader[1])
			}
		})
	}
	t.Run("46 no coding accepted sends empty Accept-Encoding", func(t *testing.T) {
		srv := httpcheck.NewServer(t, middleware.ContentType(middleware.ContentTypeOptions{Renderer: strict, Accept: []string{"application/json"}})(ok))
		rep := httpcheck.Send(t, srv, http.MethodPost, "/", strings.NewReader("{}"), map[string]string{"Content-Type": "application/json", "Content-Encoding": "gzip"})
		httpcheck.WantProblem(t, rep, 415, false)
		if v, ok := rep.Header["Accept-Encoding"]; !ok || len(v) != 1 || v[0] != "" {
			t.Fatalf("Accept-Encoding %q present %v, want one empty line", v, ok)
		}
	})
	t.Run("chunked body checked", func(t *testing.T) {
		httpcheck.WantProblem(t, httpcheck.SendChunked(t, srv, "/", "{}", "text/plain"), 415, false)
	})
}

func TestContentTypePanicsOnBadConfig(t *testing.T) {
	for _, accept := range [][]string{nil, {"json"}, {"application/*"}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("no panic for %q", accept)
				}
			}()
			middleware.ContentType(middleware.ContentTypeOptions{Accept: accept})
		}()
	}
}

func TestProduces(t *testing.T) {
	srv := httpcheck.NewServer(t, middleware.Produces(middleware.ProducesOptions{Renderer: strict, Types: []string{"application/json"}})(ok))
	tests := []struct {
		accept     string
		wantStatus int
	}{
		{"", 200},
		{"*/*", 200},
		{"application/*", 200},
		{"Application/JSON", 200},
		{"text/html, application/json;q=0.1", 200},
		{"text/html", 406},
		{"application/json;q=0", 406},
		{"application/xml, text/*", 406},
	}
	for _, tt := range tests {
		t.Run(tt.accept, func(t *testing.T) {
			h := map[string]string{}
			if tt.accept != "" {
				h["Accept"] = tt.accept
			}
			rep := httpcheck.Send(t, srv, http.MethodGet, "/", nil, h)
			if tt.wantStatus == 200 {
				if rep.Status != 200 {
					t.Fatalf("status %d", rep.Status)
				}
				return
			}
			// The 406 itself is a problem even though the client did not ask for one.
			httpcheck.WantProblem(t, rep, 406, false)
		})
	}
}
