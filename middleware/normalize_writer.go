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
	held              int     // status of the held error response, 0 if none
	plain             bool    // the held body is plain text
	text              *[]byte // first bytes of the held body, allocated when one is held
	committed         bool    // the held response was rendered
}

// WriteHeader holds back an error response that Normalize converts and
// forwards any other.
func (w *normalizeWriter) WriteHeader(code int) {
	if w.held != 0 {
		return
	}
	if code >= 400 && !w.Writer.Started() {
		if ct := w.Header()["Content-Type"]; converts(ct) {
			w.held, w.plain = code, isPlainText(ct)
			return
		}
	}
	w.Writer.WriteHeader(code)
}

// Write forwards b, or keeps what a detail may need of a held body and
// reports the rest as written.
func (w *normalizeWriter) Write(b []byte) (int, error) {
	if w.held == 0 {
		return w.Writer.Write(b)
	}
	if !w.plain || w.committed {
		return len(b), nil
	}
	if w.text == nil {
		w.text = new([]byte)
	}
	if t := *w.text; len(t) <= maxDetailBytes {
		*w.text = append(t, b[:min(len(b), maxDetailBytes+1-len(t))]...)
	}
	return len(b), nil
}

// ReadFrom forwards src with the wrapped writer's fast path, or feeds a held
// body through Write.
func (w *normalizeWriter) ReadFrom(src io.Reader) (int64, error) {
	if w.held == 0 {
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
	return w.held != 0 || w.Writer.Started()
}

// commit renders the held response, if any and not yet done.
func (w *normalizeWriter) commit() {
	if w.held == 0 || w.committed {
		return
	}
	w.committed = true
	h := w.Header()
	dropContentHeaders(h)
	text := ""
	if w.plain && w.text != nil && w.held < 500 && !w.n.opts.OmitText {
		text = detailFromText(w.held, *w.text)
	}
	rendererOr(w.n.opts.Renderer).Write(&w.Writer, w.r, w.n.problem(w.r, h, w.held, text))
}

// writerOnly hides every method but Write, so io.Copy does not call back
// into ReadFrom.
type writerOnly struct{ io.Writer }
