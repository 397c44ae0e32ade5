package main

import (
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

// -redis names one server by URL, or a cluster by its nodes.
func TestRedisFlag(t *testing.T) {
	cases := []struct {
		spec    string
		cluster bool
		addrs   []string
		err     string
	}{
		{spec: "redis://127.0.0.1:6379/0", addrs: []string{"127.0.0.1:6379"}},
		{spec: "127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002", cluster: true, addrs: []string{"127.0.0.1:7000", "127.0.0.1:7001", "127.0.0.1:7002"}},
		{spec: "redis://127.0.0.1:7000?addr=127.0.0.1:7001", cluster: true, addrs: []string{"127.0.0.1:7000", "127.0.0.1:7001"}},
		{spec: "127.0.0.1:7000,nonsense", err: `cluster node "nonsense"`},
		{spec: "127.0.0.1:6379", err: "-redis:"},
	}
	for _, c := range cases {
		t.Run(c.spec, func(t *testing.T) {
			client, err := newRedisClient(c.spec)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want one containing %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer client.Close()
			var addrs []string
			switch cl := client.(type) {
			case *redis.ClusterClient:
				if !c.cluster || !cl.Options().ContextTimeoutEnabled {
					t.Fatalf("cluster client for %q (ContextTimeoutEnabled %v)", c.spec, cl.Options().ContextTimeoutEnabled)
				}
				addrs = cl.Options().Addrs
			case *redis.Client:
				if c.cluster || !cl.Options().ContextTimeoutEnabled {
					t.Fatalf("single-server client for %q (ContextTimeoutEnabled %v)", c.spec, cl.Options().ContextTimeoutEnabled)
				}
				addrs = []string{cl.Options().Addr}
			}
			if strings.Join(addrs, ",") != strings.Join(c.addrs, ",") {
				t.Fatalf("addresses %v, want %v", addrs, c.addrs)
			}
		})
	}
}
