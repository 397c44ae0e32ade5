package respwriter_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/internal/respwriter"
)

func TestWriterKnowsWhenTheResponseStarted(t *testing.T) {
	tests := []struct {
		name        string
		do          func(w http.ResponseWriter)
		wantStarted bool
	}{
		{"nothing", func(w http.ResponseWriter) {}, false},
		{"explicit status", func(w http.ResponseWriter) { w.WriteHeader(http.StatusNotFound) }, true},
		{"implicit 200", func(w http.ResponseWriter) { _, _ = io.WriteString(w, "hello") }, true},
		{"second status ignored", func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusCreated)
			w.WriteHeader(http.StatusInternalServerError)
		}, true},
		{"informational not final", func(w http.ResponseWriter) { w.WriteHeader(http.StatusEarlyHints) }, false},
		{"101 is final", func(w http.ResponseWriter) { w.WriteHeader(http.StatusSwitchingProtocols) }, true},
		{"read from", func(w http.ResponseWriter) {
			_, _ = w.(io.ReaderFrom).ReadFrom(strings.NewReader("abcdef"))
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			w := respwriter.New(rec)
			tt.do(w)
			if w.Started() != tt.wantStarted {
				t.Fatalf("started %v, want %v", w.Started(), tt.wantStarted)
			}
		})
	}
}

// readerFromRecorder counts calls to its own ReadFrom.
type readerFromRecorder struct {
	*httptest.ResponseRecorder
	calls int
}

func (r *readerFromRecorder) ReadFrom(src io.Reader) (int64, error) {
	r.calls++
	return io.Copy(r.ResponseRecorder, src)
}

func TestReadFromUsesWrappedReaderFrom(t *testing.T) {
	inner := &readerFromRecorder{ResponseRecorder: httptest.NewRecorder()}
	w := respwriter.New(inner)
	n, err := w.ReadFrom(strings.NewReader("payload"))
	if err != nil || n != 7 || inner.calls != 1 || inner.Body.String() != "payload" {
		t.Fatalf("n=%d err=%v calls=%d body=%q", n, err, inner.calls, inner.Body.String())
	}
}

// plainWriter supports nothing but the three ResponseWriter methods.
type plainWriter struct{ h http.Header }

func (p *plainWriter) Header() http.Header         { return p.h }
func (p *plainWriter) Write(b []byte) (int, error) { return len(b), nil }
func (p *plainWriter) WriteHeader(int)             {}

func TestFlushAndHijackUnsupported(t *testing.T) {
	w := respwriter.New(&plainWriter{h: http.Header{}})
	if err := http.NewResponseController(w).Flush(); !errors.Is(err, http.ErrNotSupported) {
		t.Fatalf("Flush err = %v, want ErrNotSupported", err)
	}
	if _, _, err := w.Hijack(); !errors.Is(err, http.ErrNotSupported) {
		t.Fatalf("Hijack err = %v, want ErrNotSupported", err)
	}
	if w.Started() {
		t.Fatal("a failed flush or hijack must not start the response")
	}
}

// TestControllerReachesRealWriter checks Flush, deadlines and Hijack through
// http.ResponseController against a real server.
func TestControllerReachesRealWriter(t *testing.T) {
	type result struct {
		flushErr, deadlineErr error
		started               bool
	}
	results := make(chan result, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w := respwriter.New(rw)
		if r.URL.Path == "/hijack" {
			c, brw, err := http.NewResponseController(w).Hijack()
			if err != nil {
				t.Errorf("hijack: %v", err)
				return
			}
			defer c.Close()
			if !w.Started() {
				t.Error("hijacked response not reported as started")
			}
			_, _ = brw.WriteString("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
			_ = brw.Flush()
			return
		}
		rc := http.NewResponseController(w)
		res := result{deadlineErr: rc.SetWriteDeadline(time.Now().Add(time.Minute))}
		_, _ = io.WriteString(w, "part")
		res.flushErr = rc.Flush()
		res.started = w.Started()
		results <- res
	}))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/stream")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	res := <-results
	if res.flushErr != nil || res.deadlineErr != nil || !res.started || string(body) != "part" {
		t.Fatalf("flush %v deadline %v started %v body %q", res.flushErr, res.deadlineErr, res.started, body)
	}

	resp, err = http.Get(srv.URL + "/hijack")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("hijacked status = %d", resp.StatusCode)
	}
}

func TestFlusherInterface(t *testing.T) {
	rec := httptest.NewRecorder()
	var w http.ResponseWriter = respwriter.New(rec)
	w.(http.Flusher).Flush()
	if !rec.Flushed || !w.(interface{ Started() bool }).Started() {
		t.Fatal("Flush did not reach the recorder or did not start the response")
	}
	if _, ok := w.(http.Hijacker); !ok {
		t.Fatal("Writer must implement http.Hijacker")
	}

}

func TestResetReuses(t *testing.T) {
	var w respwriter.Writer
	w.Reset(httptest.NewRecorder())
	w.WriteHeader(http.StatusTeapot)
	w.Reset(httptest.NewRecorder())
	if w.Started() {
		t.Fatal("Reset kept state")
	}
}

type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

func BenchmarkWriter(b *testing.B) {
	rw := &discard{h: http.Header{}}
	body := []byte(`{"ok":true}`)
	b.ReportAllocs()
	for b.Loop() {
		var w respwriter.Writer
		w.Reset(rw)
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
	}
}
