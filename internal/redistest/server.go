package redistest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// RequireEnv is the environment variable that turns a missing redis-server
// from a skipped test into a failed one when it is "1".
const RequireEnv = "FOURXX_REQUIRE_INTEGRATION"

// readyTimeout bounds how long a started redis-server may take to answer.
const readyTimeout = 5 * time.Second

// startAttempts is how many free ports Start tries: another process may take
// a port between the moment it is found free and the moment Redis binds it.
const startAttempts = 3

// Server is one redis-server process owned by a test. Its methods must be
// called from the test's goroutine.
type Server struct {
	t           testing.TB
	port        int
	clusterPort int // the cluster bus port of a Cluster node, else 0
	dir         string
	cmd         *exec.Cmd
	exited      chan struct{} // closed when the running process has exited
}

// Start starts redis-server on a free 127.0.0.1 port and returns once it
// answers (it, not another process that took the port first). The process is killed at t.Cleanup. If redis-server is not
// on PATH, Start calls t.Fatal when FOURXX_REQUIRE_INTEGRATION=1 and t.Skip
// otherwise; if it cannot be started, Start calls t.Fatal.
func Start(t testing.TB) *Server {
	t.Helper()
	requireBinary(t, "redis-server")
	s := newServer(t)
	if err := s.startOnFreePorts(false); err != nil {
		t.Fatalf("redistest: %v", err)
	}
	return s
}

// requireBinary skips or fails t, as Start documents, when the program
// name (from the Debian package redis-server) is not on PATH.
func requireBinary(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv(RequireEnv) == "1" {
			t.Fatal("redistest: " + name + " not found on PATH and " + RequireEnv + "=1 (install the Debian package redis-server)")
		}
		t.Skip("redistest: " + name + " not found on PATH; install the Debian package redis-server to run this test (set " + RequireEnv + "=1 to make its absence a failure)")
	}
}

// newServer returns a server, not yet started, with a temporary directory
// of its own, to be killed at t.Cleanup.
func newServer(t testing.TB) *Server {
	s := &Server{t: t, dir: t.TempDir()}
	t.Cleanup(s.Stop)
	return s
}

// startOnFreePorts starts the server on free ports, as a Cluster node (with
// a cluster bus port of its own) when cluster is true, trying other ports
// when one was taken meanwhile. It touches nothing but s, so servers may be
// started from goroutines of their own.
func (s *Server) startOnFreePorts(cluster bool) error {
	var err error
	for range startAttempts {
		if s.port, err = freePort(); err != nil {
			return err
		}
		if cluster {
			if s.clusterPort, err = freePort(); err != nil {
				return err
			}
		}
		if err = s.start(); err == nil {
			return nil
		}
	}
	return err
}

// Addr is the server's host:port, for redis.Options.Addr.
func (s *Server) Addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)) }

// URL is the server's redis:// URL (database 0), for redis.ParseURL.
func (s *Server) URL() string { return "redis://" + s.Addr() + "/0" }

// Stop kills the server and waits for it to exit; clients then get
// connection errors. Stopping a stopped server does nothing.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill() // SIGKILL ends a paused process too
	<-s.exited
	s.cmd = nil
}

// Pause stops the process with SIGSTOP: it keeps its port and its
// connections but answers nothing, like a Redis stalled by the kernel, a
// long fork or a dead network path, until Resume. Pausing a stopped or
// paused server does nothing.
func (s *Server) Pause() {
	if s.cmd != nil {
		_ = s.cmd.Process.Signal(syscall.SIGSTOP)
	}
}

// Resume continues a paused server with SIGCONT; it then answers the
// commands that waited. Resuming a running server does nothing.
func (s *Server) Resume() {
	if s.cmd != nil {
		_ = s.cmd.Process.Signal(syscall.SIGCONT)
	}
}

// Restart stops the server if it runs and starts a new one on the same port,
// returning once it answers. Its data is gone: nothing is persisted.
// It calls t.Fatal if the server cannot be started again.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	if err := s.start(); err != nil {
		s.t.Fatalf("redistest: restart: %v", err)
	}
}

// start runs redis-server on s.port and waits until it answers. On
// failure the process is gone and the error quotes the server's log.
func (s *Server) start() error {
	logPath := filepath.Join(s.dir, "redis-"+strconv.Itoa(s.port)+".log")
	log, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer log.Close() // the child holds its own descriptor
	args := []string{"--port", strconv.Itoa(s.port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", s.dir}
	if s.clusterPort != 0 {
		args = append(args, clusterArgs(s.clusterPort)...)
	}
	cmd := exec.Command("redis-server", args...)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	s.cmd, s.exited = cmd, exited
	if err := waitReady(s.Addr(), cmd.Process.Pid, exited); err != nil {
		s.Stop()
		out, _ := os.ReadFile(logPath)
		return fmt.Errorf("redis-server on %s: %w; its log:\n%s", s.Addr(), err, out)
	}
	return nil
}

// waitReady polls addr until the redis-server process pid answers there,
// the process exits or readyTimeout passes.
func waitReady(addr string, pid int, exited <-chan struct{}) error {
	deadline := time.Now().Add(readyTimeout)
	for {
		err := answeredBy(addr, pid)
		if err == nil {
			return nil
		}
		select {
		case <-exited:
			return fmt.Errorf("exited before answering: %w", err)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no answer within %v: %w", readyTimeout, err)
		}
	}
}

// answeredBy returns nil when the server answering on addr is the process
// pid. Another process may have bound a port between the moment it was
// found free and the moment the server tried to: the server then exits,
// and what answers on its address is someone else's.
func answeredBy(addr string, pid int) error {
	info, err := doString(addr, "INFO", "server")
	if err != nil {
		return err
	}
	if !strings.Contains(info, "\r\nprocess_id:"+strconv.Itoa(pid)+"\r\n") {
		return fmt.Errorf("%s is served by another process than %d", addr, pid)
	}
	return nil
}

// freePort asks the kernel for a loopback port nobody listens on.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
