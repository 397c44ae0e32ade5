package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/fourxx/fourxx/examples/internal/readmetest"
)

// TestREADMETeamWalkthrough runs the README's walkthrough of the demo's own
// problem types against a freshly started demo, as TestREADMEWalkthrough
// does for the main one.
func TestREADMETeamWalkthrough(t *testing.T) {
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
	w := readmetest.Walkthrough{README: "../../README.md", Marker: "team-walkthrough", Origin: readmeOrigin}
	w.Run(t, "http://"+ln.Addr().String(), 5, *update)
}
