package redistest_test

import (
	"testing"

	"github.com/fourxx/fourxx/internal/redistest"
)

// A test that needs Redis starts its own server and connects to its URL
// (with go-redis: redis.ParseURL(srv.URL())). Stop and Restart simulate an
// outage on the same address.
func ExampleStart() {
	_ = func(t *testing.T) {
		srv := redistest.Start(t) // skipped, or failed under FOURXX_REQUIRE_INTEGRATION=1, without redis-server
		_ = srv.URL()             // redis://127.0.0.1:<port>/0
		srv.Stop()                // clients now get connection errors
		srv.Restart()             // back on the same port, empty
	}
}
