// Package logtest captures log/slog output in tests: [New] as text in a
// [Buffer], [NewRecorder] as records a test can search. It is test
// support: import it only from _test.go files.
package logtest

import (
	"bytes"
	"log/slog"
	"sync"
)

// A Buffer collects log output; it is safe for the goroutines of a test
// server to write while the test reads.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns everything written so far.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// New returns a logger that writes every level, as text, into a new Buffer.
func New() (*slog.Logger, *Buffer) {
	buf := &Buffer{}
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}
