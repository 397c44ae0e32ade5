package redistest

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"
)

// NodeTimeout is the cluster-node-timeout of a Cluster's nodes: a master
// that has not answered its peers for this long is marked failing, and its
// replica is promoted about a second later.
const NodeTimeout = time.Second

// clusterReadyTimeout bounds how long a new cluster may take to agree on
// its slots and link its replicas.
const clusterReadyTimeout = 30 * time.Second

// clusterArgs are the redis-server options of a Cluster node whose cluster
// bus listens on busPort. Replicas may always be promoted, however long
// their master was gone, so a test's failover never stalls. A master sends
// a new replica its data at once, not after the default 5 s spent waiting
// for more replicas to share the transfer.
func clusterArgs(busPort int) []string {
	return []string{"--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
		"--cluster-port", strconv.Itoa(busPort),
		"--cluster-node-timeout", strconv.FormatInt(NodeTimeout.Milliseconds(), 10),
		"--cluster-replica-validity-factor", "0",
		"--repl-diskless-sync-delay", "0"}
}

// clusterSize is the number of nodes of a Cluster: the masters, then
// their replicas in the same order.
const clusterSize = 2 * masters

// A Cluster is a Redis Cluster of three masters, each with one replica, on
// loopback ports, owned by a test. Its methods must be called from the
// test's goroutine.
type Cluster struct {
	t     testing.TB
	nodes []*Server // nodes[i+3] was made the replica of nodes[i]
	ids   []string  // ids[i] is the cluster node ID of nodes[i]
}

// StartCluster starts six cluster-enabled redis-server processes at once on
// free 127.0.0.1 ports and joins them: three masters holding the 16384
// slots in three ranges, each with one replica. It returns once every node
// reports cluster_state:ok and lists all six nodes connected, with the
// masters and replicas where they were put, and every replica is linked to
// its master. The processes are killed at t.Cleanup. Without redis-server
// it skips or fails t as Start does. Redis 7 or later is required
// (cluster-port, CLUSTER ADDSLOTSRANGE). A new cluster takes a little over
// two seconds, mostly waiting: a Redis master does not serve for its first
// two seconds. StartClusterInBackground lets a test spend them elsewhere.
func StartCluster(t testing.TB) *Cluster {
	t.Helper()
	return StartClusterInBackground(t).Wait(t)
}

// A ClusterStart is a Cluster that StartClusterInBackground is starting.
type ClusterStart struct {
	c    *Cluster
	done chan struct{} // closed when the cluster is ready or err is set
	err  error
}

// StartClusterInBackground does what StartCluster does but returns at
// once: the cluster forms while t goes on (waits in t.Parallel, runs other
// subtests), and Wait returns it. The processes are killed at t.Cleanup,
// which first stops the forming if Wait was never called. Without
// redis-server it does nothing, and Wait skips or fails.
func StartClusterInBackground(t testing.TB) *ClusterStart {
	t.Helper()
	cs := &ClusterStart{done: make(chan struct{})}
	if _, err := exec.LookPath("redis-server"); err != nil {
		close(cs.done)
		return cs
	}
	cs.c = &Cluster{t: t}
	for range clusterSize {
		cs.c.nodes = append(cs.c.nodes, newServer(t))
	}
	ctx, cancel := context.WithTimeout(context.Background(), clusterReadyTimeout)
	// Registered after the nodes' Stop, so it runs before them.
	t.Cleanup(func() {
		cancel()
		<-cs.done
	})
	go func() {
		defer close(cs.done)
		cs.err = cs.c.start(ctx)
	}()
	return cs
}

// Wait returns the cluster once it is ready. It must be called once, from
// the goroutine of t: the test that called StartClusterInBackground or one
// of its subtests, which the cluster's and its nodes' methods then fail.
// Without redis-server it skips or fails t as Start does; if the cluster
// could not be started it fails t.
func (cs *ClusterStart) Wait(t testing.TB) *Cluster {
	t.Helper()
	if cs.c == nil { // redis-server was not on PATH
		requireBinary(t, "redis-server")
		t.Fatal("redistest: redis-server was not on PATH when the cluster was to start")
	}
	<-cs.done
	if cs.err != nil {
		t.Fatalf("redistest: %v", cs.err)
	}
	cs.c.t = t
	for _, s := range cs.c.nodes {
		s.t = t
	}
	return cs.c
}

// start starts the nodes, each from a goroutine of its own, and joins them.
func (c *Cluster) start(ctx context.Context) error {
	errs := make([]error, len(c.nodes))
	var wg sync.WaitGroup
	for i, s := range c.nodes {
		wg.Go(func() { errs[i] = s.startOnFreePorts(true) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := c.join(ctx); err != nil {
		return fmt.Errorf("forming the cluster: %w", err)
	}
	return nil
}

// Addrs returns the host:port of every node, for
// redis.ClusterOptions.Addrs or redis.UniversalOptions.Addrs.
func (c *Cluster) Addrs() []string {
	addrs := make([]string, len(c.nodes))
	for i, s := range c.nodes {
		addrs[i] = s.Addr()
	}
	return addrs
}

// Node returns the node listening on addr, or nil.
func (c *Cluster) Node(addr string) *Server {
	for _, s := range c.nodes {
		if s.Addr() == addr {
			return s
		}
	}
	return nil
}

// Masters returns the running nodes that are masters now.
func (c *Cluster) Masters() []*Server {
	var found []*Server
	for _, s := range c.nodes {
		if s.cmd != nil && s.isMaster() {
			found = append(found, s)
		}
	}
	return found
}

// ReplicaOf returns the running replica of master, or nil.
func (c *Cluster) ReplicaOf(master *Server) *Server {
	for _, s := range c.nodes {
		if s != master && s.cmd != nil {
			if role, _ := s.role(); len(role) >= 3 && role[0] == "slave" && role[2] == int64(master.port) {
				return s
			}
		}
	}
	return nil
}

// WaitPromoted waits until replica reports itself a master (its old
// master was killed and the cluster promoted it) and returns the moment it
// was first seen so, polling every 10 ms. It calls t.Fatal after timeout.
func (c *Cluster) WaitPromoted(replica *Server, timeout time.Duration) time.Time {
	c.t.Helper()
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if replica.isMaster() {
			return time.Now()
		}
	}
	c.t.Fatalf("redistest: replica %s not promoted within %v", replica.Addr(), timeout)
	return time.Time{}
}

// role is the node's ROLE reply: "master" first for a master; for a
// replica "slave", its master's host and port and the link's state.
func (s *Server) role() ([]any, error) {
	reply, err := do(s.Addr(), "ROLE")
	if err != nil {
		return nil, err
	}
	role, ok := reply.([]any)
	if !ok || len(role) == 0 {
		return nil, fmt.Errorf("ROLE answered %v", reply)
	}
	return role, nil
}

// isMaster reports whether the node answers ROLE as a master.
func (s *Server) isMaster() bool {
	role, err := s.role()
	return err == nil && role[0] == "master"
}
