package redisstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// conn is what every store of this package keeps: the client, the key
// prefix, the timeout of a call and the cluster's slot map.
type conn struct {
	client  redis.UniversalClient
	prefix  string
	timeout time.Duration
	slots   slotMap
}

// init validates the connection options of opts and applies their
// defaults.
func (c *conn) init(opts Options) error {
	if opts.Client == nil {
		return errors.New("redisstore: no client")
	}
	if opts.Prefix == "" {
		return errors.New("redisstore: a key prefix per limiter is required")
	}
	c.client, c.prefix, c.timeout = opts.Client, opts.Prefix, opts.Timeout
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	c.slots.client, _ = opts.Client.(*redis.ClusterClient)
	return nil
}

// Key returns the Redis key that holds a client key's state.
func (c *conn) Key(key string) string { return c.prefix + key }

// run evaluates script on the client key's Redis key and returns its
// integer results. The call keeps the values of ctx but not its
// cancellation: a client that disconnects or half-closes its connection
// cancels its request's context, and that is no failure of the store. It
// returns within the timeout even when the client ignores context
// deadlines, as go-redis does for reads and writes unless
// ContextTimeoutEnabled is set: the call then ends in the background,
// bounded by the client's own timeouts, and its result is dropped. A
// failure asks a cluster client to reload its slot map.
func (c *conn) run(ctx context.Context, script *redis.Script, key string, args ...any) ([]int64, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.timeout)
	defer cancel()
	var res []int64
	var callErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		res, callErr = script.Run(ctx, c.client, []string{c.Key(key)}, args...).Int64Slice()
	}()
	var err error
	select {
	case <-done:
		err = callErr
	case <-ctx.Done():
		err = ctx.Err() // the call's goroutine owns res and callErr
	}
	if err != nil {
		c.slots.failed()
		return nil, fmt.Errorf("redisstore: %w", err)
	}
	return res, nil
}

// load loads scripts into Redis (into every master of a cluster, which
// go-redis's ScriptLoad reaches), bounded by ctx alone.
func (c *conn) load(ctx context.Context, scripts ...*redis.Script) error {
	for _, sc := range scripts {
		if err := sc.Load(ctx, c.client).Err(); err != nil {
			c.slots.failed()
			return fmt.Errorf("redisstore: loading a script: %w", err)
		}
	}
	return nil
}
