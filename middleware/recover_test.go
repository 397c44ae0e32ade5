package middleware_test

import (
	"errors"
	"github.com/fourxx/fourxx/internal/httpcheck"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/logtest"
	"github.com/fourxx/fourxx/middleware"
)

func TestRecover(t *testing.T) {
	logger, logs := logtest.New()
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: logger})
	mw := middleware.Recover(middleware.RecoverOptions{Renderer: rd})
	mux := http.NewServeMux()
	mux.Handle("/boom", mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic("db password is hunter2")
	})))
	mux.Handle("/half", mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"items":[1,2,`)
		w.(http.Flusher).Flush()
		panic(errors.New("mid-body failure"))
	})))
	mux.Handle("/abort", mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic(http.ErrAbortHandler)
	})))
	mux.Handle("/fine", mw(ok))
	srv := httpcheck.NewServer(t, mux)

	t.Run("9 panic becomes a generic 500", func(t *testing.T) {
		rep := httpcheck.Send(t, srv, http.MethodGet, "/boom", nil, nil)
		httpcheck.WantProblem(t, rep, http.StatusInternalServerError, false)
		if strings.Contains(string(rep.Body), "hunter2") {
			t.Fatalf("panic value leaked: %s", rep.Body)
		}
		if l := logs.String(); !strings.Contains(l, "hunter2") || !strings.Contains(l, "recover_test.go") || !strings.Contains(l, "level=ERROR") {
			t.Fatalf("log lacks panic value, stack or level: %s", l)
		}
		if n := strings.Count(logs.String(), "hunter2"); n != 1 {
			t.Fatalf("one panic logged %d times:\n%s", n, logs)
		}
	})
	t.Run("18 HEAD panic has no body", func(t *testing.T) {
		httpcheck.WantProblem(t, httpcheck.Send(t, srv, http.MethodHead, "/boom", nil, nil), http.StatusInternalServerError, true)
	})
	t.Run("panic after half a body writes nothing more", func(t *testing.T) {
		resp, err := srv.Client().Get(srv.URL + "/half")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err == nil {
			t.Fatal("a truncated response must not end cleanly")
		}
		if resp.StatusCode != 200 || string(b) != `{"items":[1,2,` {
			t.Fatalf("status %d body %q", resp.StatusCode, b)
		}
		if !strings.Contains(logs.String(), "mid-body failure") {
			t.Fatal("panic not logged")
		}
	})
	t.Run("ErrAbortHandler is re-panicked", func(t *testing.T) {
		_, err := srv.Client().Get(srv.URL + "/abort")
		if err == nil {
			t.Fatal("aborted handler produced a response")
		}
	})
	t.Run("no panic passes", func(t *testing.T) {
		if rep := httpcheck.Send(t, srv, http.MethodGet, "/fine", nil, nil); rep.Status != 200 || string(rep.Body) != "ok" {
			t.Fatalf("%d %q", rep.Status, rep.Body)
		}
	})
}

func TestRecoverRepanicsAbort(t *testing.T) {
	h := middleware.Recover(middleware.RecoverOptions{Renderer: strict})(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic(http.ErrAbortHandler) }))
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Fatalf("recovered %v, want http.ErrAbortHandler", v)
		}
	}()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
}

// TestRecoverDropsContentHeaders: the 500 problem replaces a body the
// handler never finished, so the handler's Content-Encoding (and length)
// must not describe the problem document.
func TestRecoverDropsContentHeaders(t *testing.T) {
	h := middleware.Recover(middleware.RecoverOptions{Renderer: strict})(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Length", "4242")
			panic("compressor failed")
		}))
	srv := httpcheck.NewServer(t, h)
	// An explicit Accept-Encoding stops the Go client from decoding gzip
	// itself, so the raw header and body are seen.
	rep := httpcheck.Send(t, srv, http.MethodGet, "/", nil, map[string]string{"Accept-Encoding": "gzip"})
	if ce := rep.Header.Get("Content-Encoding"); ce != "" {
		t.Fatalf("500 problem sent with Content-Encoding %q: %s", ce, rep.Body)
	}
	httpcheck.WantProblem(t, rep, http.StatusInternalServerError, false)
}
