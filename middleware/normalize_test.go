package middleware_test

import (
	"bufio"
	"github.com/fourxx/fourxx/internal/httpcheck"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/middleware"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		handler    http.HandlerFunc
		wantStatus int
		wantDetail string
		wantHeader map[string]string
		passThru   bool // the handler's own response must arrive unchanged
	}{
		{"http.Error text becomes detail", "GET", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "name is required", http.StatusBadRequest)
		}, 400, "name is required", nil, false},
		{"WWW-Authenticate kept", "GET", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
		}, 401, summaryOf(401), map[string]string{"WWW-Authenticate": `Bearer realm="api"`}, false},
		{"Retry-After kept", "GET", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "7")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		}, 429, "slow down", map[string]string{"Retry-After": "7"}, false},
		{"empty body", "GET", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusNotFound)
		}, 404, errorsx.NotFoundDetail, nil, false},
		{"5xx text never sent", "GET", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "pq: password authentication failed for user admin", http.StatusInternalServerError)
		}, 500, "", nil, false},
		{"html body converted with the catalog's summary", "GET", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusForbidden)
			_, _ = io.WriteString(w, "<h1>Forbidden</h1>")
		}, 403, summaryOf(403), nil, false},
		{"one long word shortened with an ellipsis", "GET", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, strings.Repeat("x", 500), http.StatusConflict)
		}, 409, strings.Repeat("x", 197) + "…", nil, false},
		{"control characters stripped", "GET", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "bad\x00 value\r\n\x1b[31mred", http.StatusBadRequest)
		}, 400, "bad value [31mred", nil, false},
		{"reason phrase not repeated", "GET", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "Unprocessable Entity", http.StatusUnprocessableEntity)
		}, 422, summaryOf(422), nil, false},
		{"ReadFrom on a held body", "GET", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusGone)
			_, _ = w.(io.ReaderFrom).ReadFrom(strings.NewReader("moved away for good"))
		}, 410, "moved away for good", nil, false},
		{"18 HEAD converted without body", "HEAD", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("WWW-Authenticate", `Basic realm="x"`)
			http.Error(w, "no", http.StatusUnauthorized)
		}, 401, "", map[string]string{"WWW-Authenticate": `Basic realm="x"`}, false},
		{"15.1 418 becomes 400 and keeps the handler's text", "GET", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "this server brews no coffee", http.StatusTeapot)
		}, 400, "this server brews no coffee", nil, false},
		{"15.1 418 with only its reason phrase gets 400's summary", "GET", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "I'm a teapot", http.StatusTeapot)
		}, 400, summaryOf(400), nil, false},
		{"15.1 unregistered 4xx becomes 400 with 400's summary", "GET", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(499)
		}, 400, summaryOf(400), nil, false},
		{"15.1 unregistered 5xx becomes 500", "GET", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "origin unreachable", 520)
		}, 500, "", nil, false},
		{"15.3 long plain text shortened at a word boundary", "GET", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, strings.Repeat("quantity must be a whole number; ", 10), http.StatusUnprocessableEntity)
		}, 422, strings.TrimSuffix(strings.Repeat("quantity must be a whole number; ", 6), " ") + "…", nil, false},
		{"15.3 HTML inside text/plain gets the summary", "GET", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "<html><body><h1>Gone</h1><p>v0 was retired</p></body></html>", http.StatusGone)
		}, 410, summaryOf(410), nil, false},
		{"15.3 a tag inside plain text gets the summary", "GET", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "use <b>POST</b> here", http.StatusBadRequest)
		}, 400, summaryOf(400), nil, false},
		{"15.3 comparison signs are not markup", "GET", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "need 0 < quantity and quantity <= 99 > 0", http.StatusBadRequest)
		}, 400, "need 0 < quantity and quantity <= 99 > 0", nil, false},
		{"15.3 text over 512 bytes is cut and shortened", "GET", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadRequest)
			for range 100 {
				_, _ = io.WriteString(w, "word ")
			}
		}, 400, strings.Repeat("word ", 38) + "word…", nil, false},
		{"15.4 401 without WWW-Authenticate gets the default challenge", "GET", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "admin only", http.StatusUnauthorized)
		}, 401, "admin only", map[string]string{"WWW-Authenticate": "Bearer"}, false},
		{"success untouched", "GET", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			_, _ = io.WriteString(w, "fine")
		}, 200, "", nil, true},
		{"problem untouched", "GET", func(w http.ResponseWriter, r *http.Request) {
			errorsx.Write(w, r, errorsx.Forbidden("mine"))
		}, 403, "mine", nil, true},
		{"JSON error untouched", "GET", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, `{"error":"x"}`)
		}, 400, "", nil, true},
	}
	for _, tt := range tests {
		for chain, h := range normalizeChains(middleware.NormalizeOptions{Renderer: strict}, tt.handler) {
			t.Run(tt.name+"/"+chain, func(t *testing.T) {
				srv := httpcheck.NewServer(t, h)
				rep := httpcheck.Send(t, srv, tt.method, "/", nil, nil)
				if tt.passThru {
					direct := httpcheck.NewServer(t, tt.handler)
					want := httpcheck.Send(t, direct, tt.method, "/", nil, nil)
					if rep.Status != want.Status || string(rep.Body) != string(want.Body) ||
						rep.Header.Get("Content-Type") != want.Header.Get("Content-Type") {
						t.Fatalf("changed: %d %q %q, want %d %q", rep.Status, rep.Header.Get("Content-Type"), rep.Body, want.Status, want.Body)
					}
					return
				}
				p := httpcheck.WantProblem(t, rep, tt.wantStatus, tt.method == http.MethodHead)
				if tt.wantStatus >= 500 && strings.Contains(string(rep.Body), "password") {
					t.Fatalf("5xx body carries the handler's text: %s", rep.Body)
				}
				if tt.wantStatus < 500 && p.Detail != tt.wantDetail {
					t.Fatalf("detail %q, want %q", p.Detail, tt.wantDetail)
				}
				for k, v := range tt.wantHeader {
					if got := rep.Header.Get(k); got != v {
						t.Fatalf("%s = %q, want %q", k, got, v)
					}
				}
				if n := len(rep.Header.Values("X-Content-Type-Options")); n != 1 {
					t.Fatalf("%d X-Content-Type-Options lines", n)
				}
			})
		}
	}
}

func TestNormalizeOmitText(t *testing.T) {
	h := middleware.Normalize(middleware.NormalizeOptions{Renderer: strict, OmitText: true})(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "internal id 42 missing", http.StatusBadRequest)
		}))
	p := httpcheck.WantProblem(t, httpcheck.Send(t, httpcheck.NewServer(t, h), "GET", "/", nil, nil), 400, false)
	if p.Detail != summaryOf(400) {
		t.Fatalf("detail %q with OmitText, want the catalog's summary", p.Detail)
	}
}

// TestNormalizeStreamsSuccess checks that a success response reaches the
// client before the handler returns: nothing is buffered.
func TestNormalizeStreamsSuccess(t *testing.T) {
	release := make(chan struct{})
	h := middleware.Normalize(middleware.NormalizeOptions{Renderer: strict})(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.WriteString(w, "first\n")
			if err := http.NewResponseController(w).Flush(); err != nil {
				t.Errorf("flush: %v", err)
			}
			<-release
			_, _ = io.WriteString(w, "second\n")
		}))
	srv := httpcheck.NewServer(t, h)
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	close(release)
	if err != nil || line != "first\n" {
		t.Fatalf("first line %q, %v", line, err)
	}
}

// TestNormalizeFlushCommits: a handler that writes a 4xx and flushes gets its
// problem sent at the flush; what it writes afterwards is discarded.
func TestNormalizeFlushCommits(t *testing.T) {
	for _, chain := range []string{"alone", "behind-Recover"} {
		t.Run(chain, func(t *testing.T) {
			release := make(chan struct{})
			h := normalizeChains(middleware.NormalizeOptions{Renderer: strict}, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/plain")
				w.WriteHeader(http.StatusConflict)
				_, _ = io.WriteString(w, "version mismatch")
				w.(http.Flusher).Flush()
				<-release
				_, _ = io.WriteString(w, " and more text that must not appear")
			})[chain]
			srv := httpcheck.NewServer(t, h)
			resp, err := srv.Client().Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			// The header arrived while the handler is still blocked.
			done := make(chan httpcheck.Reply, 1)
			go func() {
				b, _ := io.ReadAll(resp.Body)
				done <- httpcheck.Reply{Status: resp.StatusCode, Header: resp.Header, Body: b}
			}()
			select {
			case <-done:
				t.Fatal("body ended before the handler returned")
			case <-time.After(20 * time.Millisecond):
			}
			close(release)
			rep := <-done
			p := httpcheck.WantProblem(t, rep, http.StatusConflict, false)
			if p.Detail != "version mismatch" || strings.Contains(string(rep.Body), "more text") {
				t.Fatalf("body %s", rep.Body)
			}
		})
	}
}

// TestNormalizeController checks that http.ResponseController reaches the
// real writer through the wrapper.
func TestNormalizeController(t *testing.T) {
	for chain, h := range normalizeChains(middleware.NormalizeOptions{Renderer: strict}, func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		if err := rc.SetWriteDeadline(time.Now().Add(time.Minute)); err != nil {
			t.Errorf("%s: deadline: %v", r.URL.Path, err)
		}
		conn, brw, err := rc.Hijack()
		if err != nil {
			t.Errorf("%s: hijack: %v", r.URL.Path, err)
			return
		}
		defer conn.Close()
		_, _ = brw.WriteString("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
		_ = brw.Flush()
	}) {
		rep := httpcheck.Send(t, httpcheck.NewServer(t, h), "GET", "/"+chain, nil, nil)
		if rep.Status != http.StatusNoContent {
			t.Fatalf("%s: status %d", chain, rep.Status)
		}
	}
}

// normalizeChains returns h under Normalize with opts alone and behind
// Recover, whose writer holds Normalize's wrapper: both must answer alike.
func normalizeChains(opts middleware.NormalizeOptions, h http.HandlerFunc) map[string]http.Handler {
	normalize := middleware.Normalize(opts)(h)
	return map[string]http.Handler{
		"alone":          normalize,
		"behind-Recover": middleware.Recover(middleware.RecoverOptions{Renderer: opts.Renderer})(normalize),
	}
}

// summaryOf is the catalog's one-line summary of a 4xx status, the detail
// Normalize falls back to.
func summaryOf(status int) string { return errorsx.Summary(status) }

// TestNormalize404IsNotFounds: issue 11 item 6 — a ServeMux's own 404 under
// Normalize, middleware.NotFound and a hidden resource
// (errorsx.NotFound(errorsx.NotFoundDetail), what auth's HideAs404 sends)
// are the same bytes, so hiding cannot be told from missing.
func TestNormalize404IsNotFounds(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {})
	handlers := map[string]http.Handler{
		"ServeMux 404 under Normalize": middleware.Normalize(middleware.NormalizeOptions{Renderer: strict})(mux),
		"bare 404 under Normalize": middleware.Normalize(middleware.NormalizeOptions{Renderer: strict})(http.HandlerFunc(
			func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotFound) })),
		"NotFound": middleware.NotFound(middleware.NotFoundOptions{Renderer: strict}),
		"hidden": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			strict.Write(w, r, errorsx.NotFound(errorsx.NotFoundDetail))
		}),
	}
	want := httpcheck.Send(t, httpcheck.NewServer(t, handlers["hidden"]), "GET", "/nowhere", nil, nil)
	for name, h := range handlers {
		got := httpcheck.Send(t, httpcheck.NewServer(t, h), "GET", "/nowhere", nil, nil)
		if got.Status != 404 || string(got.Body) != string(want.Body) {
			t.Errorf("%s: %d %s, want %s", name, got.Status, got.Body, want.Body)
		}
	}
}
