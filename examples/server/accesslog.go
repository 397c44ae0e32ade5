package main

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/fourxx/fourxx/internal/respwriter"
)

// accessLog logs one line per request with slog: method, path (never the
// query, which may carry credentials), status, body bytes and duration.
func accessLog(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rw := respwriter.New(w)
			next.ServeHTTP(rw, r)
			status := rw.Status()
			if status == 0 {
				status = http.StatusOK // nothing written: net/http sends 200
			}
			logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method), slog.String("path", r.URL.Path),
				slog.Int("status", status), slog.Int64("bytes", rw.BytesWritten()),
				slog.Duration("duration", time.Since(start)))
		})
	}
}
