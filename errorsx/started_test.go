package errorsx_test

import (
	"bytes"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// trackingWriter is a user's own response-writer wrapper that implements
// the started-response contract and nothing else.
type trackingWriter struct {
	http.ResponseWriter
	started bool
}

func (t *trackingWriter) WriteHeader(code int) {
	if code >= 200 {
		t.started = true
	}
	t.ResponseWriter.WriteHeader(code)
}

func (t *trackingWriter) Write(b []byte) (int, error) {
	t.started = true
	return t.ResponseWriter.Write(b)
}

func (t *trackingWriter) Started() bool               { return t.started }
func (t *trackingWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }

var _ errorsx.StartedWriter = (*trackingWriter)(nil)

// A handler that began its response and then fails must not have a problem
// glued onto what it sent, nor leave the client a response that looks
// complete: the connection is aborted, and the client sees an error or a
// truncated body, never a whole 2xx.
func TestStartedResponseIsAborted(t *testing.T) {
	errFailed := errors.New("listing widgets: connection reset")
	big := strings.Repeat("x", 64<<10)
	tests := []struct {
		name    string
		handler func(rd *errorsx.Renderer) http.Handler
	}{
		{"partial body under Handler", func(rd *errorsx.Renderer) http.Handler {
			return rd.Handler(func(w http.ResponseWriter, r *http.Request) error {
				_, _ = io.WriteString(w, `[{"id":1},`)
				return errFailed
			})
		}},
		{"status only under Handler", func(rd *errorsx.Renderer) http.Handler {
			return rd.Handler(func(w http.ResponseWriter, r *http.Request) error {
				w.WriteHeader(http.StatusCreated)
				return errFailed
			})
		}},
		{"flushed headers under Handler", func(rd *errorsx.Renderer) http.Handler {
			return rd.Handler(func(w http.ResponseWriter, r *http.Request) error {
				w.WriteHeader(http.StatusAccepted)
				http.NewResponseController(w).Flush()
				return errFailed
			})
		}},
		{"body already on the wire under Handler", func(rd *errorsx.Renderer) http.Handler {
			return rd.Handler(func(w http.ResponseWriter, r *http.Request) error {
				_, _ = io.WriteString(w, big)
				return errFailed
			})
		}},
		{"user's own wrapper with Write", func(rd *errorsx.Renderer) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				tw := &trackingWriter{ResponseWriter: w}
				_, _ = io.WriteString(tw, `[{"id":1},`)
				rd.Write(tw, r, errFailed)
			})
		}},
		{"user's wrapper under an Unwrap chain", func(rd *errorsx.Renderer) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				tw := &trackingWriter{ResponseWriter: w}
				tw.WriteHeader(http.StatusCreated)
				rd.Write(unwrapper{tw}, r, errorsx.NotFound("gone"))
			})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logger, logs := logBuffer()
			rd := errorsx.NewRenderer(errorsx.Options{Logger: logger})
			var serverLog syncBuffer
			srv := httptest.NewUnstartedServer(tt.handler(rd))
			srv.Config.ErrorLog = log.New(&serverLog, "", 0)
			srv.Start()
			defer srv.Close()

			resp, err := srv.Client().Get(srv.URL)
			if err == nil {
				body, readErr := io.ReadAll(resp.Body)
				resp.Body.Close()
				if readErr == nil {
					t.Fatalf("client got a complete %d response (%d bytes: %.60q), want an error or a truncated body",
						resp.StatusCode, len(body), body)
				}
				if strings.Contains(string(body), `"status"`) {
					t.Errorf("a problem was glued onto the partial body: %.200q", body)
				}
			}
			srv.Close() // waits for the handler, so the logs are complete
			if strings.Contains(serverLog.String(), "superfluous") {
				t.Errorf("net/http logged: %s", serverLog.String())
			}
			if !strings.Contains(logs.String(), "already started") {
				t.Errorf("renderer did not log the unwritten problem: %s", logs)
			}
		})
	}
}

// A handler that wrote nothing still gets its problem under Handler, and a
// successful handler's response is untouched by the wrapper.
func TestHandlerWrapperIsTransparent(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true})
	srv := httptest.NewServer(rd.Handler(func(w http.ResponseWriter, r *http.Request) error {
		if r.URL.Path == "/fail" {
			w.Header().Set("X-Request-Id", "abc")
			return errorsx.NotFound("no widget")
		}
		if _, ok := w.(http.Flusher); !ok {
			return errors.New("the wrapper hides http.Flusher")
		}
		w.WriteHeader(http.StatusCreated)
		_, err := io.WriteString(w, "made")
		return err
	}))
	defer srv.Close()
	for path, want := range map[string]int{"/ok": 201, "/fail": 404} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%s: %d %s", path, resp.StatusCode, body)
		}
		if path == "/fail" && resp.Header.Get("X-Request-Id") != "abc" {
			t.Errorf("%s: headers %v", path, resp.Header)
		}
	}
}
