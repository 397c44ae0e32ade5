// Command server is the fourxx demo API: a small widget service on chi in
// which every error — 400, 401, 403, 404, 405, 413, 415, 422, 429, 501 — is a
// problem document whose type URI opens the matching page of the reference
// site that the same server hosts under /problems/.
//
//	go run ./examples/server [-addr 127.0.0.1:8080] [-rate 5] [-burst 10] [-public-url URL] [-redis URL|host:port,host:port,…] [-access-log=false] [-debug]
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

	"github.com/fourxx/fourxx/examples/internal/httpserve"
)

// config is what the command line sets.
type config struct {
	httpserve.LimitFlags
	publicURL string
	redisURL  string
	accessLog bool
	debug     bool
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.Register(fs, "127.0.0.1:8080", " on /v1/")
	fs.StringVar(&cfg.publicURL, "public-url", "", "URL clients reach this server at; problem types are <public-url>/problems/<slug> (default http://<addr>)")
	fs.StringVar(&cfg.redisURL, "redis", "", "redis://host:port/db, or Redis Cluster nodes host:port,host:port,…, to share the rate limit between instances (default: in memory)")
	fs.BoolVar(&cfg.accessLog, "access-log", true, "log one line per request (-access-log=false for load tests)")
	fs.BoolVar(&cfg.debug, "debug", false, "serve /debug/vars (goroutines, live heap) and /debug/panic, for soak tests on loopback only")
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

// run listens on cfg.Addr and serves until ctx is done; see serve.
func run(ctx context.Context, cfg config, logger *slog.Logger, out io.Writer) error {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	return serve(ctx, ln, appConfig{rate: cfg.Rate, burst: cfg.Burst, redisURL: cfg.redisURL, publicURL: cfg.publicURL, logger: logger, noAccessLog: !cfg.accessLog, debug: cfg.debug}, out)
}

// serve runs the demo on ln until ctx is done, then shuts down gracefully.
// It prints the banner (address and demo credentials) to out once it is
// listening. An empty acfg.publicURL means http://<listen address>.
func serve(ctx context.Context, ln net.Listener, acfg appConfig, out io.Writer) error {
	logger := acfg.logger
	public := acfg.publicURL
	if public == "" {
		public = "http://" + ln.Addr().String()
	}
	acfg.publicURL = public
	a, err := newApp(acfg)
	if err != nil {
		ln.Close()
		return err
	}
	defer a.close()
	printBanner(out, "http://"+ln.Addr().String(), acfg)
	return httpserve.Serve(ctx, ln, a.handler, logger)
}

func printBanner(out io.Writer, listen string, cfg appConfig) {
	store := "in memory"
	if cfg.redisURL != "" {
		store = "shared through Redis"
	}
	fmt.Fprintf(out, `fourxx demo API listening on %s
  reference site: %s/problems/
  rate limit on /v1/: %g/s, burst %d per client (%s)
  credentials:
    Bearer reader-token          scope widgets:read
    Bearer writer-token          scopes widgets:read widgets:write
    Bearer admin-token           scopes widgets:read widgets:write, role admin
    Basic  alice:alice-password  scope widgets:read
  try: curl -i %s/v1/widgets
`, listen, cfg.publicURL, cfg.rate, cfg.burst, store, listen)
	if cfg.debug {
		fmt.Fprintf(out, "  debug routes (loopback only): %s/debug/vars %s/debug/panic\n", listen, listen)
	}
}
