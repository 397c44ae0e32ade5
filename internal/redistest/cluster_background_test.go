package redistest

import "testing"

// A cluster whose test ends before Wait is called stops forming, and its
// nodes are killed, by the time the test's cleanup is over.
func TestClusterStartAbandoned(t *testing.T) {
	requireBinary(t, "redis-server")
	var cs *ClusterStart
	t.Run("abandoning", func(t *testing.T) { cs = StartClusterInBackground(t) })
	select {
	case <-cs.done:
	default:
		t.Fatal("the cluster is still forming after its test ended")
	}
	for _, s := range cs.c.nodes {
		if _, err := do(s.Addr(), "PING"); s.cmd != nil || err == nil {
			t.Fatalf("node %s still runs after its test ended", s.Addr())
		}
	}
}
