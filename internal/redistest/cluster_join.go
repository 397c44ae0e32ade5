package redistest

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// slotRanges are the first and last slots of each master, split as
// redis-cli --cluster create splits them.
var slotRanges = [...][2]int{{0, 5460}, {5461, 10922}, {10923, 16383}}

// masters is the number of masters of a Cluster.
const masters = len(slotRanges)

// clusterPollInterval is how often StartCluster asks the nodes whether
// they agree on the cluster yet.
const clusterPollInterval = 10 * time.Millisecond

// join makes a cluster of the started nodes: it gives every node its own
// config epoch (so no epoch collision has to be resolved), the masters
// their slot ranges, introduces every node to every other, makes nodes[i+3]
// the replica of nodes[i], then polls the nodes until they agree on all of
// it or ctx ends.
func (c *Cluster) join(ctx context.Context) error {
	for i, s := range c.nodes {
		id, err := doString(s.Addr(), "CLUSTER", "MYID")
		if err != nil {
			return err
		}
		c.ids = append(c.ids, id)
		if err := doOK(s.Addr(), "CLUSTER", "SET-CONFIG-EPOCH", strconv.Itoa(i+1)); err != nil {
			return err
		}
	}
	for i, r := range slotRanges {
		if err := doOK(c.nodes[i].Addr(), "CLUSTER", "ADDSLOTSRANGE", strconv.Itoa(r[0]), strconv.Itoa(r[1])); err != nil {
			return err
		}
	}
	for i, s := range c.nodes {
		for _, peer := range c.nodes[i+1:] {
			if err := doOK(s.Addr(), "CLUSTER", "MEET", "127.0.0.1", strconv.Itoa(peer.port), strconv.Itoa(peer.clusterPort)); err != nil {
				return err
			}
		}
	}
	for i, s := range c.nodes[masters:] {
		// A node knows its master by ID once their handshake is over.
		if err := poll(ctx, func() error { return doOK(s.Addr(), "CLUSTER", "REPLICATE", c.ids[i]) }); err != nil {
			return err
		}
	}
	return poll(ctx, c.agreed)
}

// poll calls f every clusterPollInterval until it returns nil or ctx ends,
// then returns f's last error.
func poll(ctx context.Context, f func() error) error {
	for {
		err := f()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("gave up waiting (%w): %w", ctx.Err(), err)
		case <-time.After(clusterPollInterval):
		}
	}
}

// agreed returns nil once every node reports cluster_state:ok, lists the
// cluster as join made it (checkView) and, if it is a replica, has its link
// to its master up; else it says what is not so yet.
func (c *Cluster) agreed() error {
	for i, s := range c.nodes {
		info, err := doString(s.Addr(), "CLUSTER", "INFO")
		if err != nil {
			return err
		}
		if !strings.Contains(info, "cluster_state:ok\r\n") {
			return fmt.Errorf("%s: CLUSTER INFO without cluster_state:ok:\n%s", s.Addr(), info)
		}
		view, err := doString(s.Addr(), "CLUSTER", "NODES")
		if err != nil {
			return err
		}
		if err := c.checkView(view); err != nil {
			return fmt.Errorf("%s: %w; its CLUSTER NODES:\n%s", s.Addr(), err, view)
		}
		if i < masters {
			continue
		}
		if role, err := s.role(); err != nil || len(role) < 4 || role[0] != "slave" || role[3] != "connected" {
			return fmt.Errorf("%s: ROLE %v (%v), want a replica connected to its master", s.Addr(), role, err)
		}
	}
	return nil
}

// checkView returns nil when view, one node's CLUSTER NODES reply, lists
// exactly the cluster's nodes, each connected and neither failing nor in a
// handshake, nodes[i] for i < 3 as a master and nodes[i+3] as its replica.
func (c *Cluster) checkView(view string) error {
	seen := 0
	for line := range strings.Lines(view) {
		// <id> <ip:port@cport> <flags> <master> <ping-sent> <pong-recv> <config-epoch> <link-state> <slot>…
		f := strings.Fields(line)
		if len(f) < 8 {
			return fmt.Errorf("malformed line %q", line)
		}
		i := slices.Index(c.ids, f[0])
		if i < 0 {
			return fmt.Errorf("node %s is none of the cluster's (a handshake not over)", f[0])
		}
		flags := strings.Split(f[2], ",")
		for _, bad := range []string{"handshake", "fail?", "fail", "noaddr"} {
			if slices.Contains(flags, bad) {
				return fmt.Errorf("node %s is flagged %s", f[0], f[2])
			}
		}
		if f[7] != "connected" {
			return fmt.Errorf("node %s is %s", f[0], f[7])
		}
		role, master := "master", "-"
		if i >= masters {
			role, master = "slave", c.ids[i-masters]
		}
		if !slices.Contains(flags, role) || f[3] != master {
			return fmt.Errorf("node %s is %s of %s, want %s of %s", f[0], f[2], f[3], role, master)
		}
		seen++
	}
	if seen != len(c.nodes) {
		return fmt.Errorf("%d nodes listed, want %d", seen, len(c.nodes))
	}
	return nil
}
