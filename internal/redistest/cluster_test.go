package redistest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/internal/redistest"
)

// A new cluster has three masters with one replica each, serves all slots,
// and promotes a replica when its master is killed.
func TestClusterStartAndFailover(t *testing.T) {
	start := time.Now()
	c := redistest.StartCluster(t)
	t.Logf("StartCluster took %v", time.Since(start))
	addrs := c.Addrs()
	if len(addrs) != 6 {
		t.Fatalf("%d nodes, want 6", len(addrs))
	}
	for _, a := range addrs {
		if !strings.HasPrefix(a, "127.0.0.1:") || c.Node(a) == nil {
			t.Fatalf("node %q is not a loopback node of the cluster", a)
		}
	}
	masters := c.Masters()
	if len(masters) != 3 {
		t.Fatalf("%d masters, want 3", len(masters))
	}
	for _, m := range masters {
		if r := c.ReplicaOf(m); r == nil {
			t.Fatalf("master %s has no replica", m.Addr())
		}
		if got, err := command(m.Addr(), "CLUSTER INFO", 2); err != nil || !strings.Contains(got, "cluster_state:ok") {
			t.Fatalf("CLUSTER INFO on %s: %q %v", m.Addr(), got, err)
		}
	}
	dead := masters[0]
	replica := c.ReplicaOf(dead)
	dead.Stop()
	c.WaitPromoted(replica, 30*time.Second)
	if n := len(c.Masters()); n != 3 {
		t.Fatalf("%d masters after the failover, want 3", n)
	}
}
