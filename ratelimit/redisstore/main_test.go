package redisstore_test

import (
	"testing"

	"go.uber.org/goleak"
)

// Every test leaves no goroutine behind: no decision, lease renewal, proxy
// link or cluster reload outlives the test that started it.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
