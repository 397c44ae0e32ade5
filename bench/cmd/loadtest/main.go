// Command loadtest measures the demo API (examples/server) against a bare chi
// server on loopback with wrk: each server pinned to CPU 0 with taskset, wrk
// to CPU 1, bounded in time. It reports requests per second, p50 and p99 for
// the allowed route and the over-limit route, then drives the demo at a fixed
// rate and checks the admitted count against the token-bucket formula.
//
//	go run ./cmd/loadtest [-duration 5s] [-connections 16] [-rounds 3] [-json results.json]
//
// The two servers take turns, -rounds times per scenario, and each row is
// the round with the median req/s, so that the shifting load of a shared
// machine falls on both sides of a ratio.
//
// Run it from the bench module; it builds both servers itself. It needs wrk
// and taskset on PATH and exits non-zero when a check fails.
package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fourxx/fourxx/bench/internal/loadresult"
)

func main() {
	duration := flag.Duration("duration", 5*time.Second, "length of each wrk run")
	connections := flag.Int("connections", 16, "wrk connections")
	jsonOut := flag.String("json", "", "also write the results as JSON to this file")
	rounds := flag.Int("rounds", 3, "wrk runs per server and scenario, the servers taking turns; the median is reported")
	flag.Parse()
	if *rounds < 1 {
		fmt.Fprintln(os.Stderr, "loadtest: -rounds must be at least 1")
		os.Exit(2)
	}
	if err := mainErr(*duration, *connections, *rounds, *jsonOut); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

const token = "Authorization: Bearer reader-token"

func mainErr(duration time.Duration, connections, rounds int, jsonOut string) error {
	for _, tool := range []string{"wrk", "taskset"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s is not on PATH (apt-get install -y %s)", tool, map[string]string{"wrk": "wrk", "taskset": "util-linux"}[tool])
		}
	}
	dir, err := os.MkdirTemp("", "fourxx-loadtest")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	demo, bare := filepath.Join(dir, "demo"), filepath.Join(dir, "barechi")
	if err := build("..", demo, "./examples/server"); err != nil {
		return err
	}
	if err := build(".", bare, "./cmd/barechi"); err != nil {
		return err
	}

	var res loadresult.Results
	scenarios := []struct {
		name        string
		demoArgs    []string
		bareArgs    []string
		wantLimited bool
	}{
		{"allowed", []string{"-rate", "1e9", "-burst", "1000000000"}, nil, false},
		{"over-limit", []string{"-rate", "0.001", "-burst", "1"}, []string{"-limit", "-rate", "0.001", "-burst", "1"}, true},
	}
	for _, sc := range scenarios {
		servers := []struct {
			name, bin string
			args      []string
		}{
			{loadresult.BareServer, bare, sc.bareArgs},
			{"fourxx demo", demo, append([]string{"-access-log=false"}, sc.demoArgs...)},
		}
		// The servers take turns, so that a change in the machine's load
		// falls on both; each reports its median round.
		measured := make([][]loadresult.Run, len(servers))
		for range rounds {
			for i, srv := range servers {
				r, err := measure(srv.bin, srv.args, duration, connections)
				if err != nil {
					return fmt.Errorf("%s, %s: %w", sc.name, srv.name, err)
				}
				r.Scenario, r.Server = sc.name, srv.name
				if !sc.wantLimited && r.Non2xx > 0 {
					return fmt.Errorf("%s, %s: %d responses were not 2xx", sc.name, srv.name, r.Non2xx)
				}
				if sc.wantLimited && r.Non2xx < r.Requests-2 {
					return fmt.Errorf("%s, %s: only %d of %d responses were rejected", sc.name, srv.name, r.Non2xx, r.Requests)
				}
				measured[i] = append(measured[i], r)
			}
		}
		for _, runs := range measured {
			res.Runs = append(res.Runs, median(runs))
		}
	}
	if res.FixedRate, err = checkFixedRate(demo); err != nil {
		return err
	}
	loadresult.WriteMarkdown(os.Stdout, res)
	if jsonOut != "" {
		b, _ := json.MarshalIndent(res, "", "  ")
		if err := os.WriteFile(jsonOut, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	if !res.FixedRate.WithinOne {
		return errors.New("fixed-rate run: admitted count is outside the token-bucket bound")
	}
	return nil
}

// median returns the run whose req/s is the median of runs (the lower
// middle one for an even count), as measured: its latencies are its own.
func median(runs []loadresult.Run) loadresult.Run {
	sorted := slices.Clone(runs)
	slices.SortFunc(sorted, func(a, b loadresult.Run) int { return cmp.Compare(a.ReqPerS, b.ReqPerS) })
	return sorted[(len(sorted)-1)/2]
}

func build(dir, out, pkg string) error {
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, os.Stderr, os.Stderr
	return cmd.Run()
}

// server is a started server process on a loopback port.
type server struct {
	cmd  *exec.Cmd
	base string
}

func start(bin string, args []string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command("taskset", append([]string{"-c", "0", bin, "-addr", addr}, args...)...)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, base: "http://" + addr}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if resp, err := http.Get(s.base + "/healthz"); err == nil {
			resp.Body.Close()
			return s, nil
		}
	}
	s.stop()
	return nil, errors.New(bin + " did not answer /healthz within 20 s")
}

func (s *server) stop() {
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
}

var (
	reqPerSec = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	total     = regexp.MustCompile(`(\d+) requests in`)
	non2xx    = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	pct       = regexp.MustCompile(`(?m)^\s+(50|99)(?:\.000)?%\s+([0-9.]+)(us|ms|s)\s*$`)
)

func measure(bin string, args []string, duration time.Duration, connections int) (loadresult.Run, error) {
	s, err := start(bin, args)
	if err != nil {
		return loadresult.Run{}, err
	}
	defer s.stop()
	out, err := exec.Command("taskset", "-c", "1", "wrk", "-t1", "-c"+strconv.Itoa(connections),
		"-d"+duration.String(), "--latency", "-H", token, s.base+"/v1/widgets").CombinedOutput()
	if err != nil {
		return loadresult.Run{}, fmt.Errorf("wrk: %w\n%s", err, out)
	}
	text := string(out)
	var r loadresult.Run
	if m := reqPerSec.FindStringSubmatch(text); m != nil {
		r.ReqPerS, _ = strconv.ParseFloat(m[1], 64)
	}
	if m := total.FindStringSubmatch(text); m != nil {
		r.Requests, _ = strconv.Atoi(m[1])
	}
	if m := non2xx.FindStringSubmatch(text); m != nil {
		r.Non2xx, _ = strconv.Atoi(m[1])
	}
	for _, m := range pct.FindAllStringSubmatch(text, -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		v *= map[string]float64{"us": 0.001, "ms": 1, "s": 1000}[m[3]]
		if m[1] == "50" {
			r.P50Ms = v
		} else {
			r.P99Ms = v
		}
	}
	if r.ReqPerS == 0 || r.P99Ms == 0 {
		return loadresult.Run{}, fmt.Errorf("could not read wrk's output:\n%s", text)
	}
	return r, nil
}

// checkFixedRate sends 4× the policy's rate from one client for 3 s on one
// connection and checks the admitted count twice: never more than burst +
// rate × elapsed (plus the one token that may refill during the last
// request), and within one of what the token-bucket formula admits for the
// requests as they were actually sent (a stalled client sends fewer), taking
// each request to arrive at the server between its send and its answer.
func checkFixedRate(demo string) (loadresult.FixedRate, error) {
	const perSecond, burst, seconds = 20.0, 10, 3.0
	s, err := start(demo, []string{"-access-log=false", "-rate", strconv.FormatFloat(perSecond, 'g', -1, 64), "-burst", strconv.Itoa(burst)})
	if err != nil {
		return loadresult.FixedRate{}, err
	}
	defer s.stop()
	fr := loadresult.FixedRate{Rate: perSecond, Burst: burst}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	interval := time.Duration(float64(time.Second) / (4 * perSecond))
	var first, last time.Time
	var sentAt, doneAt []time.Time
	for next := time.Now(); fr.Sent < int(4*perSecond*seconds); next = next.Add(interval) {
		time.Sleep(time.Until(next))
		req, _ := http.NewRequest(http.MethodGet, s.base+"/v1/widgets", nil)
		req.Header.Set("Authorization", strings.TrimPrefix(token, "Authorization: "))
		sent := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return fr, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if first.IsZero() {
			first = sent
		}
		last = time.Now()
		sentAt, doneAt = append(sentAt, sent), append(doneAt, last)
		fr.Sent++
		switch resp.StatusCode {
		case http.StatusOK:
			fr.Admitted++
		case http.StatusTooManyRequests:
			fr.Rejected++
		default:
			return fr, fmt.Errorf("fixed-rate run: unexpected status %d", resp.StatusCode)
		}
	}
	fr.ElapsedS = last.Sub(first).Seconds()
	fr.Formula = float64(burst) + perSecond*fr.ElapsedS
	a, b := bucketAdmits(sentAt, perSecond, burst), bucketAdmits(doneAt, perSecond, burst)
	fr.ExpectedLow, fr.ExpectedHigh = min(a, b), max(a, b)
	fr.WithinOne = float64(fr.Admitted) <= fr.Formula+1 &&
		fr.Admitted >= fr.ExpectedLow-1 && fr.Admitted <= fr.ExpectedHigh+1
	return fr, nil
}

// bucketAdmits is how many of the requests arriving at the given times a
// token bucket of the given rate and burst admits: it starts full, gains
// rate tokens a second up to burst, and a request takes one whole token.
func bucketAdmits(arrivals []time.Time, rate float64, burst int) int {
	tokens, admitted := float64(burst), 0
	for i, t := range arrivals {
		if i > 0 {
			tokens = min(float64(burst), tokens+rate*t.Sub(arrivals[i-1]).Seconds())
		}
		if tokens >= 1 {
			tokens--
			admitted++
		}
	}
	return admitted
}
