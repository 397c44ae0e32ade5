package redistest_test

import (
	"bufio"
	"fmt"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/internal/redistest"
)

// command sends one inline Redis command and returns the first lines of its
// reply (RESP framing included), joined by spaces.
func command(addr, cmd string, lines int) (string, error) {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return "", err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(time.Second))
	if _, err := c.Write([]byte(cmd + "\r\n")); err != nil {
		return "", err
	}
	r := bufio.NewReader(c)
	reply := make([]string, lines)
	for i := range reply {
		line, err := r.ReadString('\n')
		if err != nil {
			return "", err
		}
		reply[i] = strings.TrimSuffix(line, "\r\n")
	}
	return strings.Join(reply, " "), nil
}

func TestRedisStartStopRestart(t *testing.T) {
	srv := redistest.Start(t)
	addr := srv.Addr()
	if host, _, err := net.SplitHostPort(addr); err != nil || host != "127.0.0.1" {
		t.Fatalf("Addr %q is not on loopback (%v)", addr, err)
	}
	if want := "redis://" + addr + "/0"; srv.URL() != want {
		t.Fatalf("URL %q, want %q", srv.URL(), want)
	}
	steps := []struct {
		name, cmd string
		lines     int
		want      string
	}{
		{"ping", "PING", 1, "+PONG"},
		{"write", "SET k v", 1, "+OK"},
		{"no snapshots", "CONFIG GET save", 5, "*2 $4 save $0 "},
		{"no append-only file", "CONFIG GET appendonly", 5, "*2 $10 appendonly $2 no"},
		{"loopback only", "CONFIG GET bind", 5, "*2 $4 bind $9 127.0.0.1"},
	}
	for _, s := range steps {
		if got, err := command(addr, s.cmd, s.lines); err != nil || got != s.want {
			t.Fatalf("%s: %q %v, want %q", s.name, got, err, s.want)
		}
	}
	srv.Stop()
	if _, err := command(addr, "PING", 1); err == nil {
		t.Fatal("server still answers after Stop")
	}
	srv.Stop() // stopping twice is harmless
	srv.Restart()
	if srv.Addr() != addr {
		t.Fatalf("Restart moved the server from %s to %s", addr, srv.Addr())
	}
	if got, err := command(addr, "GET k", 1); err != nil || got != "$-1" {
		t.Fatalf("after Restart GET k = %q %v, want $-1 (nothing persisted)", got, err)
	}
	srv.Restart() // restarting a running server works too
	if got, err := command(addr, "PING", 1); err != nil || got != "+PONG" {
		t.Fatalf("after second Restart: %q %v", got, err)
	}
}

func TestRedisServersAreIndependent(t *testing.T) {
	a, b := redistest.Start(t), redistest.Start(t)
	if a.Addr() == b.Addr() {
		t.Fatalf("both servers on %s", a.Addr())
	}
	if _, err := command(a.Addr(), "SET k a", 1); err != nil {
		t.Fatal(err)
	}
	if got, err := command(b.Addr(), "GET k", 1); err != nil || got != "$-1" {
		t.Fatalf("b sees a's key: %q %v", got, err)
	}
}

// outcome records how a testing.TB was ended; Fatal and Skip end the
// goroutine as the real ones do.
type outcome struct {
	testing.TB
	fatal, skip string
}

func (o *outcome) Helper()               {}
func (o *outcome) Fatal(args ...any)     { o.fatal = fmt.Sprint(args...); runtime.Goexit() }
func (o *outcome) Skip(args ...any)      { o.skip = fmt.Sprint(args...); runtime.Goexit() }
func (o *outcome) Cleanup(func())        { panic("Start went past the missing-binary check") }
func (o *outcome) TempDir() string       { panic("Start went past the missing-binary check") }
func (o *outcome) Fatalf(string, ...any) { panic("Start went past the missing-binary check") }

// Never skip silently: without redis-server, Start skips with a message, or
// fails when FOURXX_REQUIRE_INTEGRATION=1.
func TestRedisMissing(t *testing.T) {
	cases := []struct {
		env                 string
		wantFatal, wantSkip bool
	}{
		{env: "1", wantFatal: true},
		{env: "", wantSkip: true},
		{env: "0", wantSkip: true},
	}
	for _, c := range cases {
		t.Run("env="+c.env, func(t *testing.T) {
			t.Setenv("PATH", t.TempDir())
			t.Setenv(redistest.RequireEnv, c.env)
			o := &outcome{TB: t}
			done := make(chan struct{})
			go func() {
				defer close(done)
				redistest.Start(o)
			}()
			<-done
			if (o.fatal != "") != c.wantFatal || (o.skip != "") != c.wantSkip {
				t.Fatalf("fatal %q, skip %q; want fatal %v, skip %v", o.fatal, o.skip, c.wantFatal, c.wantSkip)
			}
			if msg := o.fatal + o.skip; !strings.Contains(msg, "redis-server") {
				t.Fatalf("message %q does not name redis-server", msg)
			}
		})
	}
}

// A paused server accepts connections but answers nothing until resumed.
func TestRedisPauseResume(t *testing.T) {
	srv := redistest.Start(t)
	srv.Pause()
	if got, err := command(srv.Addr(), "PING", 1); err == nil {
		t.Fatalf("a paused server answered %q", got)
	}
	srv.Resume()
	if got, err := command(srv.Addr(), "PING", 1); err != nil || got != "+PONG" {
		t.Fatalf("after Resume: %q %v", got, err)
	}
	srv.Pause()
	srv.Stop() // a paused server can be stopped
}
