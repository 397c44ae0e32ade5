package middleware_test

import (
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/fourxx/fourxx/internal/httpcheck"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/logtest"
	"github.com/fourxx/fourxx/middleware"
)

// attr returns the value of the attribute key of r, and whether r has it.
func attr(r logtest.Record, key string) (string, bool) {
	for _, a := range r.Attrs {
		if a.Key == key {
			return a.Value.String(), true
		}
	}
	return "", false
}

// TestNormalizeLogs5xxText: issue 15 item 2 — a legacy 5xx's text stays out
// of the body and goes into the problem's log line, bounded and with control
// characters escaped.
func TestNormalizeLogs5xxText(t *testing.T) {
	tests := []struct {
		name, text string
		wantCause  string // the cause attribute of the server-error line
	}{
		{"text kept, control characters escaped", "pq: password authentication failed for user \"notes\"\x1b[31m\r\nat db.go:42",
			`handler wrote: pq: password authentication failed for user "notes"\x1b[31m\r\nat db.go:42`},
		{"invalid UTF-8 escaped", "bad \xff byte", `handler wrote: bad \xff byte`},
		{"bounded", strings.Repeat("é", 2000), "handler wrote: " + strings.Repeat("é", 256) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs := logtest.NewRecorder()
			rd := errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: slog.New(logs)})
			h := middleware.Normalize(middleware.NormalizeOptions{Renderer: rd})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, tt.text, http.StatusInternalServerError)
			}))
			rep := httpcheck.Send(t, httpcheck.NewServer(t, h), "GET", "/export", nil, nil)
			httpcheck.WantProblem(t, rep, 500, false)
			if strings.Contains(string(rep.Body), "handler wrote") || strings.Contains(string(rep.Body), tt.text[:8]) {
				t.Fatalf("the 5xx body carries the handler's text: %s", rep.Body)
			}
			var causes []string
			for _, r := range logs.Records() {
				if c, ok := attr(r, "cause"); ok {
					causes = append(causes, c)
				}
			}
			if len(causes) != 1 || causes[0] != tt.wantCause {
				t.Fatalf("causes logged %q, want one %q", causes, tt.wantCause)
			}
			if strings.IndexFunc(causes[0], unicode.IsControl) >= 0 {
				t.Fatalf("control character in the log: %q", causes[0])
			}
		})
	}
}

// TestNormalizeWarnsOncePerRoute: issue 15 item 4 — a legacy 401 without
// WWW-Authenticate is sent as a valid 401 (a Strict renderer would panic
// otherwise) and logged at WARN once per route and status, then at most
// once a minute; never at ERROR.
func TestNormalizeWarnsOncePerRoute(t *testing.T) {
	logs := logtest.NewRecorder()
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: slog.New(slog.DiscardHandler)})
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }

	mux := http.NewServeMux()
	legacy := func(w http.ResponseWriter, r *http.Request) { http.Error(w, "admin only", http.StatusUnauthorized) }
	mux.HandleFunc("GET /admin/{page}", legacy)
	mux.HandleFunc("GET /reports", legacy)
	h := middleware.NormalizeWithClock(middleware.NormalizeOptions{
		Renderer: rd, Challenge: `Basic realm="legacy"`, Logger: slog.New(logs),
	}, clock)(mux)
	srv := httpcheck.NewServer(t, h)

	steps := []struct {
		path      string
		advance   time.Duration
		wantWarns int // WARN lines so far
	}{
		{"/admin/a", 0, 1},
		{"/admin/b", 0, 1}, // same route
		{"/admin/a", 30 * time.Second, 1},
		{"/reports", 0, 2}, // another route
		{"/admin/c", 31 * time.Second, 3},
		{"/admin/c", 0, 3},
	}
	for i, st := range steps {
		advance(st.advance)
		rep := httpcheck.Send(t, srv, "GET", st.path, nil, nil)
		p := httpcheck.WantProblem(t, rep, http.StatusUnauthorized, false)
		if got := rep.Header.Values("WWW-Authenticate"); len(got) != 1 || got[0] != `Basic realm="legacy"` {
			t.Fatalf("step %d: WWW-Authenticate %q", i, got)
		}
		if p.Detail != "admin only" {
			t.Fatalf("step %d: detail %q", i, p.Detail)
		}
		warns := 0
		for _, r := range logs.Records() {
			if r.Level != slog.LevelWarn {
				t.Fatalf("step %d: logged %s", i, r)
			}
			warns++
		}
		if warns != st.wantWarns {
			t.Fatalf("step %d (%s): %d WARN lines, want %d", i, st.path, warns, st.wantWarns)
		}
	}
	r := logs.Records()[0]
	if route, _ := attr(r, "route"); route != "GET /admin/{page}" {
		t.Fatalf("warning names route %q: %s", route, r)
	}
	if status, _ := attr(r, "status"); status != "401" {
		t.Fatalf("warning names status %q: %s", status, r)
	}
}
