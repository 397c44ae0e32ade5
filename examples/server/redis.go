package main

import (
	"fmt"
	"net"
	"strings"

	"github.com/redis/go-redis/v9"
)

// newRedisClient connects to what -redis names: a redis:// URL for one
// server (redis.ParseURL), or, for Redis Cluster, the comma-separated
// host:port of two or more of its nodes (the client learns the others) or a
// URL with addr parameters (redis.ParseClusterURL). Clients stop a call at
// the store's deadline (ContextTimeoutEnabled).
func newRedisClient(spec string) (redis.UniversalClient, error) {
	if strings.Contains(spec, ",") {
		addrs := strings.Split(spec, ",")
		for _, a := range addrs {
			if _, _, err := net.SplitHostPort(a); err != nil {
				return nil, fmt.Errorf("-redis: cluster node %q: want host:port", a)
			}
		}
		return redis.NewClusterClient(&redis.ClusterOptions{Addrs: addrs, ContextTimeoutEnabled: true}), nil
	}
	if strings.Contains(spec, "addr=") {
		opt, err := redis.ParseClusterURL(spec)
		if err != nil {
			return nil, fmt.Errorf("-redis: %w", err)
		}
		opt.ContextTimeoutEnabled = true
		return redis.NewClusterClient(opt), nil
	}
	opt, err := redis.ParseURL(spec)
	if err != nil {
		return nil, fmt.Errorf("-redis: %w", err)
	}
	opt.ContextTimeoutEnabled = true // stop a hung call at the store's deadline
	return redis.NewClient(opt), nil
}
