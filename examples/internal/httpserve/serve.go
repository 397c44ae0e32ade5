// Package httpserve runs the examples' HTTP servers: sensible timeouts, the
// server's own errors logged through slog, and a graceful shutdown when the
// context ends.
package httpserve

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// ShutdownTimeout bounds how long Serve waits for requests in flight once its
// context is done.
const ShutdownTimeout = 10 * time.Second

// Serve serves h on ln until ctx is done, then shuts down gracefully,
// waiting at most ShutdownTimeout for requests in flight. It returns the
// server's error, or nil after a clean shutdown. The load test's bare chi
// baseline (bench/cmd/barechi) serves with the same settings: change both.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, logger *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}
