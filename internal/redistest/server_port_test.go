package redistest

import "testing"

// A server started on a port another redis-server holds fails to start: it
// does not take the other's answers for its own.
func TestStartOnATakenPort(t *testing.T) {
	requireBinary(t, "redis-server")
	other := Start(t)
	s := newServer(t)
	s.port = other.port
	if err := s.start(); err == nil {
		t.Fatalf("started on %s, which another redis-server holds", other.Addr())
	}
	if err := answeredBy(other.Addr(), other.cmd.Process.Pid); err != nil {
		t.Fatalf("the other server: %v", err)
	}
}
