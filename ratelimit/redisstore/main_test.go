package redisstore_test

import (
	"fmt"
	"log/slog"
	"os"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/fourxx/fourxx/ratelimit"
)

// leakGrace is how long goroutines may take to end after the tests: a
// closed go-redis client's dial probe sleeps up to 1 s before it sees the
// client closed.
const leakGrace = 5 * time.Second

// Every test leaves no goroutine behind: no decision, lease renewal, proxy
// link or cluster reload outlives the tests by more than leakGrace.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		err := goleak.Find()
		for deadline := time.Now().Add(leakGrace); err != nil && time.Now().Before(deadline); err = goleak.Find() {
			time.Sleep(100 * time.Millisecond)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "goroutines still running %v after the tests: %v\n", leakGrace, err)
			code = 1
		}
	}
	os.Exit(code)
}

// discard drops the log lines of tests that provoke failures on purpose.
var discard = slog.New(slog.DiscardHandler)

// newLimiter builds a Limiter from opts, failing the test on bad options.
func newLimiter(t testing.TB, opts ratelimit.Options) *ratelimit.Limiter {
	t.Helper()
	if err := opts.Validate(); err != nil {
		t.Fatal(err)
	}
	return ratelimit.New(opts)
}
