package main

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package when a goroutine outlives its tests: a server,
// connection, limiter or Redis client that is never released.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
