package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/fourxx/fourxx/examples/internal/readmetest"
)

var update = flag.Bool("update", false, "rewrite the README walkthroughs' outputs from a real run")

// TestREADMEWalkthrough runs every command of the README walkthrough, in
// order, with bash and curl against a freshly started demo, and checks that
// each prints exactly what the README shows (Date lines aside). The rate
// limiter's clock is frozen so RateLimit fields are repeatable; the type
// URIs use the README's origin while the server listens on a free port.
func TestREADMEWalkthrough(t *testing.T) {
	t.Parallel()
	runWalkthrough(t, "walkthrough", 12)
}

// runWalkthrough runs the README's walkthrough between the given marker's
// comments against a freshly started demo whose limiter clock is frozen;
// minSteps is the fewest steps it must find.
func runWalkthrough(t *testing.T, marker string, minSteps int) {
	t.Helper()
	const readmeOrigin = "http://127.0.0.1:8080"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	frozen := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		served <- serve(ctx, ln, appConfig{
			publicURL: readmeOrigin, rate: 5, burst: 10,
			logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
			now:    func() time.Time { return frozen },
		}, io.Discard)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	w := readmetest.Walkthrough{README: "../../README.md", Marker: marker, Origin: readmeOrigin}
	w.Run(t, "http://"+ln.Addr().String(), minSteps, *update)
}
