package httpserve

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// Main runs an example program: run gets a text slog logger on stderr and a
// context that ends on SIGINT or SIGTERM. If run fails, Main logs the error
// and exits with status 1.
func Main(run func(ctx context.Context, logger *slog.Logger) error) {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, logger)
	stop()
	if err != nil {
		logger.Error("server stopped", "error", err)
		os.Exit(1)
	}
}
