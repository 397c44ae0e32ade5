// Command soak builds the demo API (examples/server) with the race detector,
// serves it on a loopback port and drives it for a while with mixed traffic:
// valid requests, invalid ones, unauthenticated and wrongly authenticated
// ones, a client over its rate limit, oversized bodies and headers, slow
// clients, clients that half-close their connection or abandon a request,
// and requests to a route that panics. At the end it prints the number of
// requests, the status histogram per kind of request, and the server's
// goroutines and live heap before and after, and exits 1 on any status a
// kind of request must not get (a 5xx nobody asked for included), any data
// race the server reported, goroutines or heap that grew, or ERROR log
// lines beyond two per 5xx asked for (a client must not flood the log).
//
//	go run ./examples/soak [-duration 20s] [-workers 4] [-max-requests 200000]
//
// It must run inside the fourxx module (it builds the server with go build).
// All traffic stays on 127.0.0.1.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"
)

// options are what the command line sets.
type options struct {
	duration    time.Duration
	warmup      time.Duration
	workers     int
	maxRequests int64
	server      string
}

func main() {
	var o options
	flag.DurationVar(&o.duration, "duration", 20*time.Second, "how long the measured traffic runs")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Second, "traffic before the first measurement, so pools and caches are filled")
	flag.IntVar(&o.workers, "workers", 4, "clients at once for each kind of request sent flat out")
	flag.Int64Var(&o.maxRequests, "max-requests", 200000, "stop the traffic after this many requests even before -duration")
	flag.StringVar(&o.server, "server", "", "a demo server binary to run instead of building one with -race")
	flag.Parse()
	if o.duration <= 0 || o.workers < 1 || o.maxRequests < 1 {
		fmt.Fprintln(os.Stderr, "soak: -duration, -workers and -max-requests must be positive")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ok, err := run(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
	if !ok {
		os.Exit(1)
	}
}

// run soaks the server and prints the report; it reports whether every
// check passed.
func run(ctx context.Context, o options) (bool, error) {
	bin := o.server
	if bin == "" {
		dir, err := os.MkdirTemp("", "fourxx-soak-")
		if err != nil {
			return false, err
		}
		defer os.RemoveAll(dir)
		if bin, err = buildServer(ctx, dir); err != nil {
			return false, err
		}
	}
	srv, err := startServer(ctx, bin)
	if err != nil {
		return false, err
	}
	defer srv.kill()
	fmt.Printf("soak: server %s (pid %d)\n", srv.base, srv.cmd.Process.Pid)

	d := newDriver(srv.base)
	defer d.close()
	d.drive(ctx, time.Now().Add(o.warmup), o.workers, o.maxRequests)
	before, err := srv.settle(ctx, d, nil)
	if err != nil {
		return false, err
	}
	d.reset()

	start := time.Now()
	d.drive(ctx, start.Add(o.duration), o.workers, o.maxRequests)
	elapsed := time.Since(start)
	after, err := srv.settle(ctx, d, &before)
	if err != nil {
		return false, err
	}
	logs, err := srv.stop()
	if err != nil {
		return false, err
	}
	r := report{tally: d.tally.snapshot(), elapsed: elapsed, before: before, after: after, logs: logs}
	r.print(os.Stdout)
	return len(r.failures()) == 0, nil
}
