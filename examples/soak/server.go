package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// The demo's rate limit during the soak: high enough that paced clients
// are admitted, low enough that the client sending flat out is refused.
const (
	serverRate  = "200"
	serverBurst = "50"
)

// buildServer builds examples/server with -race into dir.
func buildServer(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "server")
	cmd := exec.CommandContext(ctx, "go", "build", "-race", "-o", bin, "github.com/fourxx/fourxx/examples/server")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building the server: %w", err)
	}
	return bin, nil
}

// server is the running demo: its process, base URL and what its log says.
type server struct {
	cmd    *exec.Cmd
	base   string
	logs   *logScan
	exited chan error
}

// startServer runs bin on a free loopback port with the debug routes on and
// waits for its banner.
func startServer(ctx context.Context, bin string) (*server, error) {
	cmd := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0", "-rate", serverRate, "-burst", serverBurst, "-debug")
	cmd.Env = append(os.Environ(), "GORACE=halt_on_error=0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, logs: &logScan{}, exited: make(chan error, 1)}
	var scanned sync.WaitGroup
	scanned.Add(1)
	go func() { defer scanned.Done(); s.logs.scan(stderr) }()
	banner := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if url, ok := strings.CutPrefix(sc.Text(), "fourxx demo API listening on "); ok {
				banner <- url
			}
		}
		close(banner)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	go func() { scanned.Wait(); s.exited <- cmd.Wait() }()
	select {
	case url, ok := <-banner:
		if !ok {
			s.kill()
			return nil, errors.New("the server exited before printing its address")
		}
		s.base = url
		return s, nil
	case <-time.After(time.Minute):
		s.kill()
		return nil, errors.New("no banner from the server within a minute")
	}
}

// vars is what the server's /debug/vars reports.
type vars struct {
	Goroutines    int    `json:"goroutines"`
	HeapLiveBytes uint64 `json:"heap_live_bytes"`
}

// readVars asks /debug/vars on a connection of its own, closed after.
func (s *server) readVars(ctx context.Context) (vars, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/debug/vars", nil)
	if err != nil {
		return vars{}, err
	}
	req.Close = true
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return vars{}, err
	}
	defer res.Body.Close()
	var v vars
	if res.StatusCode != http.StatusOK {
		return v, fmt.Errorf("/debug/vars: %s", res.Status)
	}
	return v, json.NewDecoder(res.Body).Decode(&v)
}

// settle closes the driver's idle connections and reads the server's
// variables once the goroutines stop falling: the lowest count seen over
// up to 10 s, or the first at or below before's, when before is given.
func (s *server) settle(ctx context.Context, d *driver, before *vars) (vars, error) {
	d.idle()
	var low vars
	for i := range 20 {
		time.Sleep(500 * time.Millisecond)
		v, err := s.readVars(ctx)
		if err != nil {
			return v, err
		}
		if i == 0 || v.Goroutines < low.Goroutines {
			low.Goroutines = v.Goroutines
		}
		if i == 0 || v.HeapLiveBytes < low.HeapLiveBytes {
			low.HeapLiveBytes = v.HeapLiveBytes
		}
		if before != nil && low.Goroutines <= before.Goroutines && i >= 2 {
			break
		}
	}
	return low, nil
}

// stop sends SIGTERM, waits for the graceful shutdown and returns what the
// log showed; a race-enabled binary that saw a race exits 66.
func (s *server) stop() (logSummary, error) {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return logSummary{}, err
	}
	select {
	case err := <-s.exited:
		sum := s.logs.summary()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			sum.exitCode = exit.ExitCode()
		} else if err != nil {
			return sum, err
		}
		return sum, nil
	case <-time.After(30 * time.Second):
		s.kill()
		return logSummary{}, errors.New("the server did not stop within 30 s of SIGTERM")
	}
}

func (s *server) kill() {
	if s.cmd.ProcessState == nil {
		_ = s.cmd.Process.Kill()
	}
}

// logSummary is what the server wrote to its log.
type logSummary struct {
	lines    int
	levels   map[string]int // level=INFO etc.
	races    int
	excerpt  []string // the first race reports, and one ERROR line of each message
	exitCode int
}

// logScan reads the server's log as it is written.
type logScan struct {
	mu   sync.Mutex
	sum  logSummary
	seen map[string]bool // ERROR lines already in the excerpt
}

// The excerpt keeps at most maxExcerpt lines of at most maxExcerptLine bytes.
const (
	maxExcerpt     = 80
	maxExcerptLine = 400
)

func (l *logScan) scan(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	inRace := 0
	for sc.Scan() {
		line := sc.Text()
		l.mu.Lock()
		l.sum.lines++
		if l.sum.levels == nil {
			l.sum.levels, l.seen = map[string]int{}, map[string]bool{}
		}
		if i := strings.Index(line, " level="); i >= 0 {
			level, _, _ := strings.Cut(line[i+len(" level="):], " ")
			l.sum.levels[level]++
		}
		if strings.Contains(line, "WARNING: DATA RACE") {
			l.sum.races++
			inRace = 40
		}
		keep := inRace > 0
		if !keep && strings.Contains(line, "level=ERROR") {
			// One line per distinct message and status, timestamp aside.
			key := line[strings.Index(line, " level=")+1:]
			key, _, _ = strings.Cut(key, " method=")
			keep = !l.seen[key]
			l.seen[key] = true
		}
		if keep && len(l.sum.excerpt) < maxExcerpt {
			if len(line) > maxExcerptLine {
				line = line[:maxExcerptLine] + "…"
			}
			l.sum.excerpt = append(l.sum.excerpt, line)
		}
		if inRace > 0 {
			inRace--
		}
		l.mu.Unlock()
	}
}

func (l *logScan) summary() logSummary {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.sum
}
