package redisstore_test

import (
	"bufio"
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/redistest"
	"github.com/fourxx/fourxx/ratelimit"
)

// levelCounter counts slog records at or above Error.
type levelCounter struct {
	mu     sync.Mutex
	errors []string
}

func (h *levelCounter) Enabled(context.Context, slog.Level) bool { return true }
func (h *levelCounter) Handle(_ context.Context, r slog.Record) error {
	if r.Level >= slog.LevelError {
		h.mu.Lock()
		h.errors = append(h.errors, r.Message)
		h.mu.Unlock()
	}
	return nil
}
func (h *levelCounter) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *levelCounter) WithGroup(string) slog.Handler      { return h }

// halfClosedGet sends one GET on a new connection, half-closes it
// (CloseWrite) and returns the status line of the answer.
func halfClosedGet(t *testing.T, addr string) string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Write([]byte("GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	if err := c.(*net.TCPConn).CloseWrite(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return "no answer: " + err.Error()
	}
	return strings.TrimSpace(line)
}

// A client that half-closes its connection after sending the request makes
// net/http cancel the request's context. That is the client's doing, not a
// store failure: with FailOpen the bound still holds (burst 3 of 50
// requests, no fail-opens), with FailClosed no request gets a 503 and
// nothing is logged at ERROR.
func TestHalfClosingClientsAreNotStoreFailures(t *testing.T) {
	srv := redistest.Start(t)
	const (
		requests = 50
		burst    = 3
	)
	for _, fp := range []struct {
		name   string
		policy ratelimit.FailurePolicy
	}{{"fail open", ratelimit.FailOpen}, {"fail closed", ratelimit.FailClosed}} {
		t.Run(fp.name, func(t *testing.T) {
			s, _, _ := newStore(t, srv, "test:halfclose:"+fp.name+":")
			logs := &levelCounter{}
			logger := slog.New(logs)
			l := newLimiter(t, ratelimit.Options{
				Renderer:      errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: logger}),
				Logger:        logger,
				Store:         s,
				FailurePolicy: fp.policy,
				Policies:      []ratelimit.Policy{{Name: "p", Rate: 0.001, Burst: burst}},
			})
			ts := httptest.NewServer(l.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})))
			defer ts.Close()
			statuses := map[string]int{}
			for range requests {
				statuses[halfClosedGet(t, ts.Listener.Addr().String())]++
			}
			ok, tooMany := statuses["HTTP/1.1 200 OK"], statuses["HTTP/1.1 429 Too Many Requests"]
			if ok != burst || tooMany != requests-burst || l.FailOpens() != 0 {
				t.Errorf("statuses %v, %d fail-opens; want %d × 200 and %d × 429, none failed open", statuses, l.FailOpens(), burst, requests-burst)
			}
			logs.mu.Lock()
			defer logs.mu.Unlock()
			if len(logs.errors) != 0 {
				t.Errorf("%d ERROR lines, first %q", len(logs.errors), logs.errors[0])
			}
		})
	}
}
