package main

import (
	"context"
	"flag"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/examples/internal/httpserve"
	"github.com/fourxx/fourxx/examples/internal/readmetest"
)

var update = flag.Bool("update", false, "rewrite the README walkthrough's outputs from a real run")

// TestREADMEWalkthrough runs the README's examples/stdlib commands with bash
// and curl against this program's handler and checks each prints what the
// README shows (Date lines aside), with the limiter's clock frozen.
func TestREADMEWalkthrough(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.DiscardHandler)
	frozen := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	h, err := newHandler(appConfig{
		renderer: errorsx.NewRenderer(errorsx.Options{Logger: logger}), logger: logger,
		rate: 5, burst: 10, now: func() time.Time { return frozen },
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- httpserve.Serve(ctx, ln, h, logger) }()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	w := readmetest.Walkthrough{README: "../../README.md", Marker: "stdlib-walkthrough", Origin: "http://127.0.0.1:8081"}
	w.Run(t, "http://"+ln.Addr().String(), 3, *update)
}
