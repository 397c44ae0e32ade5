package logtest

import (
	"log/slog"
	"strings"
	"sync"
	"testing"
)

func TestConcurrentWritesAreKept(t *testing.T) {
	logger, buf := New()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			logger.Debug("line", "n", i)
		}()
	}
	wg.Wait()
	if got := strings.Count(buf.String(), "msg=line"); got != 8 {
		t.Errorf("%d lines, want 8:\n%s", got, buf)
	}
}

// String lists every record, one per line, with its values unescaped.
func TestRecorderString(t *testing.T) {
	rec := NewRecorder()
	logger := slog.New(rec)
	logger.Info("first", "token", `a"b`)
	logger.Warn("second")
	got := rec.String()
	if lines := strings.Count(got, "\n"); lines != 2 || !strings.Contains(got, `a"b`) {
		t.Fatalf("String() = %q, want two lines holding the value unescaped", got)
	}
}
