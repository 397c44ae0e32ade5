package redistest_test

import (
	"testing"
	"time"

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

// A test of Redis Cluster starts three masters with a replica each and
// connects with go-redis (redis.NewClusterClient with Addrs: c.Addrs()).
// Killing a master and waiting for its replica's promotion is a failover.
func ExampleStartCluster() {
	_ = func(t *testing.T) {
		c := redistest.StartCluster(t) // skipped, or failed under FOURXX_REQUIRE_INTEGRATION=1, without redis-server
		_ = c.Addrs()                  // six 127.0.0.1:<port> addresses
		master := c.Masters()[0]
		replica := c.ReplicaOf(master)
		master.Stop()
		_ = c.WaitPromoted(replica, 30*time.Second) // when the replica took over
	}
}

// A test whose cluster case runs beside cheaper ones starts the cluster
// before t.Parallel, so that it forms while the test waits for its turn and
// runs the other cases; the cluster case waits for it.
func ExampleStartClusterInBackground() {
	_ = func(t *testing.T) {
		cluster := redistest.StartClusterInBackground(t)
		t.Parallel()
		t.Run("single server", func(t *testing.T) { _ = redistest.Start(t).URL() })
		t.Run("cluster", func(t *testing.T) {
			_ = cluster.Wait(t).Addrs() // skipped, or failed under FOURXX_REQUIRE_INTEGRATION=1, without redis-server
		})
	}
}
