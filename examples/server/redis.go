package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/fourxx/fourxx/ratelimit"
	"github.com/fourxx/fourxx/ratelimit/redisstore"
)

// preloadTimeout bounds the start-up call that readies Redis for the first
// decisions.
const preloadTimeout = 2 * time.Second

// newRedisStore returns the rate-limit store on the Redis that -redis names
// and the function that closes its client. It readies Redis for the first
// decisions (connections and the script); if Redis cannot be reached now,
// it logs a warning and the limiter's failure policy applies per request
// until Redis answers. timeout bounds each decision; 0 means
// redisstore.DefaultTimeout.
func newRedisStore(spec string, timeout time.Duration, logger *slog.Logger) (ratelimit.Store, func(), error) {
	client, err := newRedisClient(spec)
	if err != nil {
		return nil, nil, err
	}
	store, err := redisstore.New(redisstore.Options{Client: client, Prefix: "fourxx-demo:rl:v1:", Timeout: timeout})
	if err != nil {
		client.Close()
		return nil, nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), preloadTimeout)
	defer cancel()
	if err := store.Preload(ctx); err != nil {
		logger.Warn("fourxx demo: Redis not ready at start-up; the rate limit fails closed until it answers", slog.String("error", err.Error()))
	}
	return store, func() { client.Close() }, nil
}

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
