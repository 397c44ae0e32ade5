package middleware

import (
	"io"
	"net/http"

	"github.com/fourxx/fourxx/internal/respwriter"
)

// normalizeWriter passes a response through unless it is an error response
// that Normalize converts; that one it holds back, keeping the start of its
// body, and renders as a problem on commit.
type normalizeWriter struct {
	respwriter.Writer // the response actually sent
	n                 *normalizer
	r                 *http.Request
	held              heldBody
	committed         bool // the held response was rendered
}

// heldBody is the error response a handler wrote and Normalize holds back.
// The slice comes first so that the two flags share a word: a
// normalizeWriter then fits with Recover's writer in one 128-byte
// allocation.
type heldBody struct {
	text   []byte // its first maxLoggedBytes bytes, allocated when one is written
	status int    // 0 if none is held
	plain  bool   // the body is plain text
	cut    bool   // the body was longer than text
}

// WriteHeader holds back an error response that Normalize converts and
// forwards any other.
func (w *normalizeWriter) WriteHeader(code int) {
	if w.held.status != 0 {
		return
	}
	if code >= 400 && !w.Writer.Started() {
		if ct := w.Header()["Content-Type"]; converts(ct) {
			w.held.status, w.held.plain = code, isPlainText(ct)
			return
		}
	}
	w.Writer.WriteHeader(code)
}

// Write forwards b, or keeps the start of a held body and reports the rest
// as written.
func (w *normalizeWriter) Write(b []byte) (int, error) {
	if w.held.status == 0 {
		return w.Writer.Write(b)
	}
	if w.committed {
		return len(b), nil
	}
	if w.held.text == nil {
		w.held.text = make([]byte, 0, min(len(b), maxLoggedBytes))
	}
	room := maxLoggedBytes - len(w.held.text)
	if len(b) > room {
		w.held.cut = true
	}
	w.held.text = append(w.held.text, b[:min(len(b), room)]...)
	return len(b), nil
}

// ReadFrom forwards src with the wrapped writer's fast path, or feeds a held
// body through Write.
func (w *normalizeWriter) ReadFrom(src io.Reader) (int64, error) {
	if w.held.status == 0 {
		return w.Writer.ReadFrom(src)
	}
	return io.Copy(writerOnly{w}, src)
}

// FlushError commits a held response as a problem, then flushes.
func (w *normalizeWriter) FlushError() error {
	w.commit()
	return w.Writer.FlushError()
}

// Flush implements http.Flusher; see FlushError.
func (w *normalizeWriter) Flush() { _ = w.FlushError() }

// Started reports true once the handler began any response, held or
// not, so that a renderer further in writes nothing over it.
func (w *normalizeWriter) Started() bool {
	return w.held.status != 0 || w.Writer.Started()
}

// commit renders the held response, if any and not yet done.
func (w *normalizeWriter) commit() {
	if w.held.status == 0 || w.committed {
		return
	}
	w.committed = true
	w.n.convert(&w.Writer, w.r, w.held)
}

// writerOnly hides every method but Write, so io.Copy does not call back
// into ReadFrom.
type writerOnly struct{ io.Writer }
