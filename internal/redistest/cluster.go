package redistest

import (
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
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
// their master was gone, so a test's failover never stalls.
func clusterArgs(busPort int) []string {
	return []string{"--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
		"--cluster-port", strconv.Itoa(busPort),
		"--cluster-node-timeout", strconv.FormatInt(NodeTimeout.Milliseconds(), 10),
		"--cluster-replica-validity-factor", "0"}
}

// A Cluster is a Redis Cluster of three masters, each with one replica, on
// loopback ports, owned by a test. Its methods must be called from the
// test's goroutine.
type Cluster struct {
	t     testing.TB
	nodes []*Server
}

// StartCluster starts six cluster-enabled redis-server processes on free
// 127.0.0.1 ports, joins them with redis-cli --cluster create
// --cluster-replicas 1 (three masters holding all 16384 slots, one replica
// each) and returns once every node reports cluster_state:ok and every
// replica is linked to its master. The processes are killed at t.Cleanup.
// Without redis-server or redis-cli it skips or fails t as Start does.
// Redis 7 or later is required (cluster-port).
func StartCluster(t testing.TB) *Cluster {
	t.Helper()
	requireBinary(t, "redis-server")
	requireBinary(t, "redis-cli")
	c := &Cluster{t: t}
	args := []string{"--cluster", "create"}
	for range 6 {
		s := startServer(t, true)
		c.nodes = append(c.nodes, s)
		args = append(args, s.Addr())
	}
	args = append(args, "--cluster-replicas", "1", "--cluster-yes")
	ctx, cancel := context.WithTimeout(context.Background(), clusterReadyTimeout)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "redis-cli", args...).CombinedOutput(); err != nil {
		t.Fatalf("redistest: redis-cli %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	for _, s := range c.nodes {
		c.waitFor(ctx, s, "CLUSTER INFO", "cluster_state:ok")
		if s.role() == "slave" {
			c.waitFor(ctx, s, "INFO replication", "master_link_status:up")
		}
	}
	return c
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
	var masters []*Server
	for _, s := range c.nodes {
		if s.cmd != nil && s.role() == "master" {
			masters = append(masters, s)
		}
	}
	return masters
}

// ReplicaOf returns the running replica of master, or nil.
func (c *Cluster) ReplicaOf(master *Server) *Server {
	for _, s := range c.nodes {
		if s != master && s.cmd != nil && s.role() == "slave" {
			if out, err := s.cli("INFO replication"); err == nil && strings.Contains(out, "master_port:"+strconv.Itoa(master.port)+"\r\n") {
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
		if replica.role() == "master" {
			return time.Now()
		}
	}
	c.t.Fatalf("redistest: replica %s not promoted within %v", replica.Addr(), timeout)
	return time.Time{}
}

// waitFor polls one node with a command until its reply contains want.
func (c *Cluster) waitFor(ctx context.Context, s *Server, cmd, want string) {
	c.t.Helper()
	var out string
	for ctx.Err() == nil {
		var err error
		if out, err = s.cli(cmd); err == nil && strings.Contains(out, want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	c.t.Fatalf("redistest: %s never answered %q with %q; last reply:\n%s", s.Addr(), cmd, want, out)
}

// role is "master" or "slave" from the node's ROLE reply, or "" when it
// cannot be asked.
func (s *Server) role() string {
	out, err := s.cli("ROLE")
	if err != nil {
		return ""
	}
	role, _, _ := strings.Cut(out, "\n")
	return strings.TrimSpace(role)
}

// cli runs one command through redis-cli against the node and returns its
// raw output.
func (s *Server) cli(cmd string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	args := append([]string{"-h", "127.0.0.1", "-p", strconv.Itoa(s.port)}, strings.Fields(cmd)...)
	out, err := exec.CommandContext(ctx, "redis-cli", args...).Output()
	if err != nil {
		return "", fmt.Errorf("redis-cli %s: %w", cmd, err)
	}
	return string(out), nil
}
