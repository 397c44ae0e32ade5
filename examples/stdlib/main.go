// Command stdlib shows how an existing net/http API adopts fourxx without
// touching its handlers.
//
// legacy.go is a notes API written the usual way on a Go 1.22+
// http.ServeMux: http.Error(w, "note not found", http.StatusNotFound),
// http.Error(w, "forbidden", http.StatusForbidden), a bare
// w.WriteHeader(409), and the mux's own plain-text 404 and 405. Adoption is
// one wrapper:
//
//	handler := middleware.Normalize(middleware.NormalizeOptions{})(mux)
//
// after which every one of those errors is an RFC 9457 problem document
// (application/problem+json) with its status and headers (Allow …) kept, a
// 404 or 405 for a method the server does not know becomes 501, the unused
// 418 becomes 400, a plain-text message becomes the detail (HTML never
// does), a 500's text goes to the log only, and successful responses pass
// through byte for byte. app.go then adds, in a
// few lines and still without touching a handler, Bearer authentication
// (401 with WWW-Authenticate, 403 for a missing scope), rate limiting per
// client (429 with Retry-After) and Recover outermost (a panic becomes a
// generic 500 whose cause goes to the log only).
//
//	go run ./examples/stdlib [-addr 127.0.0.1:8081] [-rate 5] [-burst 10]
//
// It shuts down gracefully on SIGINT and SIGTERM.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/examples/internal/httpserve"
)

// config is what the command line sets.
type config struct {
	httpserve.LimitFlags
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("stdlib", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.Register(fs, "127.0.0.1:8081", "")
	return cfg, cfg.Parse(fs, args)
}

func main() {
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if err != nil {
		os.Exit(2)
	}
	httpserve.Main(func(ctx context.Context, logger *slog.Logger) error {
		return run(ctx, cfg, logger, os.Stdout)
	})
}

// run serves until ctx is done, then shuts down gracefully. It prints the
// banner to out once it is listening.
func run(ctx context.Context, cfg config, logger *slog.Logger, out io.Writer) error {
	handler, err := newHandler(appConfig{
		renderer: errorsx.NewRenderer(errorsx.Options{Logger: logger}),
		logger:   logger,
		rate:     cfg.Rate,
		burst:    cfg.Burst,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	printBanner(out, "http://"+ln.Addr().String(), cfg)
	return httpserve.Serve(ctx, ln, handler, logger)
}

func printBanner(out io.Writer, base string, cfg config) {
	fmt.Fprintf(out, `fourxx stdlib example (legacy ServeMux API behind Normalize) listening on %s
  rate limit: %g/s, burst %d per client
  credentials:
    Bearer reader-token  scope notes:read
    Bearer writer-token  scopes notes:read notes:write
  try: curl -i -H 'Authorization: Bearer reader-token' %s/notes/42
`, base, cfg.Rate, cfg.Burst, base)
}
