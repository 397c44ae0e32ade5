package respwriter

import (
	"bufio"
	"io"
	"net"
	"net/http"
)

// Writer is an http.ResponseWriter that forwards everything to the writer it
// wraps and records whether the response started. The zero value
// is not usable; build one with [New] or [Writer.Reset].
//
// It implements the started-response contract of the errorsx renderer
// (errorsx.StartedWriter: Started and Unwrap): once a status line was sent
// (explicitly, by a first Write, or by a Flush) or the connection was
// hijacked, the renderer writes nothing more.
type Writer struct {
	rw       http.ResponseWriter
	status   int
	hijacked bool
}

// New returns a Writer wrapping rw.
func New(rw http.ResponseWriter) *Writer { return &Writer{rw: rw} }

// Reset makes w wrap rw as if it were new, so a Writer can be embedded by
// value in a larger wrapper without a second allocation.
func (w *Writer) Reset(rw http.ResponseWriter) { *w = Writer{rw: rw} }

// Header returns the header map of the wrapped writer.
func (w *Writer) Header() http.Header { return w.rw.Header() }

// WriteHeader sends the status line. Informational codes (1xx except 101)
// are forwarded and not recorded; once a final status was sent, later calls
// are ignored instead of making net/http log a superfluous call.
func (w *Writer) WriteHeader(code int) {
	if w.status != 0 || w.hijacked {
		return
	}
	if code >= 100 && code < 200 && code != http.StatusSwitchingProtocols {
		w.rw.WriteHeader(code)
		return
	}
	w.rw.WriteHeader(code)
	w.status = code
}

// Write sends body bytes, with an implicit 200 status if none was sent.
func (w *Writer) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.rw.Write(b)
}

// ReadFrom copies src into the response, using the wrapped writer's own
// io.ReaderFrom (net/http's uses sendfile where it can) when it has one.
func (w *Writer) ReadFrom(src io.Reader) (int64, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	var n int64
	var err error
	if rf, ok := w.rw.(io.ReaderFrom); ok {
		n, err = rf.ReadFrom(src)
	} else {
		n, err = io.Copy(w.rw, src)
	}
	return n, err
}

// FlushError sends buffered data to the client, committing a 200 status if
// none was sent. It returns an error wrapping http.ErrNotSupported when the
// wrapped writer cannot flush. http.ResponseController uses this method.
func (w *Writer) FlushError() error {
	err := http.NewResponseController(w.rw).Flush()
	if err == nil && w.status == 0 {
		w.status = http.StatusOK
	}
	return err
}

// Flush implements http.Flusher; see [Writer.FlushError].
func (w *Writer) Flush() { _ = w.FlushError() }

// Hijack implements http.Hijacker by delegating to the wrapped writer (also
// through its own Unwrap chain). After a successful hijack the response
// counts as started.
func (w *Writer) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, brw, err := http.NewResponseController(w.rw).Hijack()
	if err == nil {
		w.hijacked = true
	}
	return c, brw, err
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (w *Writer) Unwrap() http.ResponseWriter { return w.rw }

// Started reports whether a final status was sent or the connection was
// hijacked, that is whether it is too late to write another response.
func (w *Writer) Started() bool { return w.status != 0 || w.hijacked }
