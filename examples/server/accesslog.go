package main

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// accessLog logs one line per request with slog: method, path (never the
// query, which may carry credentials), status, body bytes and duration.
func accessLog(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rec := &statusRecorder{ResponseWriter: w}
			next.ServeHTTP(rec, r)
			status := rec.status
			if status == 0 {
				status = http.StatusOK // nothing written: net/http sends 200
			}
			logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method), slog.String("path", r.URL.Path),
				slog.Int("status", status), slog.Int64("bytes", rec.bytes),
				slog.Duration("duration", time.Since(start)))
		})
	}
}

// statusRecorder records the status and body bytes a handler sends. It
// implements errorsx.StartedWriter, so the renderer knows when the handler
// already began its response, and Unwrap lets http.ResponseController reach
// Flush, Hijack and the deadlines of the writer it wraps.
type statusRecorder struct {
	http.ResponseWriter
	status int // final status sent, 0 until then
	bytes  int64
}

var _ errorsx.StartedWriter = (*statusRecorder)(nil)

// WriteHeader records the first final status; informational ones (1xx
// except 101) do not start the response.
func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 && (code >= 200 || code == http.StatusSwitchingProtocols) {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200 and counts the bytes.
func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += int64(n)
	return n, err
}

// Flush keeps http.Flusher for streaming handlers; a flush commits a 200.
func (s *statusRecorder) Flush() {
	if http.NewResponseController(s.ResponseWriter).Flush() == nil && s.status == 0 {
		s.status = http.StatusOK
	}
}

// Started reports whether the response has started.
func (s *statusRecorder) Started() bool { return s.status != 0 }

// Unwrap returns the wrapped writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
