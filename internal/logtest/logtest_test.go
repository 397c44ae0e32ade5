package logtest

import (
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
