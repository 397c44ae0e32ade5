package redisstore

import (
	"context"
	"crypto/rand"
	"errors"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// acquireScript takes a slot. KEYS[1] is the client's sorted set of leases
// (member: lease id, score: expiry in microseconds of the server's clock);
// ARGV is the limit, the lease in microseconds and the new lease's id. It
// drops expired leases, then returns {1, slots in use} after adding the
// lease, or {0, slots in use} when none is free. The key expires with its
// last lease.
var acquireScript = redis.NewScript(`
if redis.replicate_commands then pcall(redis.replicate_commands) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local n = redis.call('ZCARD', KEYS[1])
if n >= tonumber(ARGV[1]) then return {0, n} end
local lease = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now + lease, ARGV[3])
local want = math.ceil(lease / 1000) + 1
if redis.call('PTTL', KEYS[1]) < want then redis.call('PEXPIRE', KEYS[1], want) end
return {1, n + 1}
`)

// renewScript extends lease ARGV[2] by ARGV[1] microseconds from now and
// returns {1}, or returns {0} when the lease is gone (expired and dropped).
var renewScript = redis.NewScript(`
if redis.replicate_commands then pcall(redis.replicate_commands) end
if not redis.call('ZSCORE', KEYS[1], ARGV[2]) then return {0} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local lease = tonumber(ARGV[1])
redis.call('ZADD', KEYS[1], now + lease, ARGV[2])
local want = math.ceil(lease / 1000) + 1
if redis.call('PTTL', KEYS[1]) < want then redis.call('PEXPIRE', KEYS[1], want) end
return {1}
`)

// releaseScript gives lease ARGV[1] back.
var releaseScript = redis.NewScript(`
return {redis.call('ZREM', KEYS[1], ARGV[1])}
`)

// A ConcurrencyStore keeps the slots of a ratelimit.ConcurrencyPolicy in
// Redis, shared by every instance of the application. A slot is a lease
// with a time to live: one sorted set per client key (Prefix + key) holds
// the leases in use, scored by their expiry on the Redis server's clock.
// Taking a slot first drops the expired leases, so a slot held by an
// instance that crashed is free again one Lease after its last renewal.
// While a handler runs its lease is renewed every third of the Lease; it
// is given back when the handler returns. Each call is one script on one
// key (so it works on Redis Cluster) with the timeout and cancellation
// rules of Store. It is safe for concurrent use.
type ConcurrencyStore struct {
	conn
}

// NewConcurrency returns a ConcurrencyStore for the connection options of
// opts (Client, Prefix, Timeout; the shedding options do not apply). The
// prefix must differ from every other limiter's and store's. It does not
// contact Redis.
func NewConcurrency(opts Options) (*ConcurrencyStore, error) {
	s := &ConcurrencyStore{}
	if err := s.init(opts); err != nil {
		return nil, err
	}
	return s, nil
}

// Acquire implements ratelimit.ConcurrencyStore with one script call.
// The returned release stops the renewals and removes the lease (one more
// call); calling it again does nothing.
func (s *ConcurrencyStore) Acquire(ctx context.Context, key string, limit int, lease time.Duration) (func(), int, error) {
	id := rand.Text()
	sent := time.Now()
	res, err := s.run(ctx, acquireScript, key, limit, micros(int64(lease)), id)
	if err != nil {
		return nil, 0, err
	}
	if len(res) != 2 {
		return nil, 0, errors.New("redisstore: acquire script returned an unexpected reply")
	}
	if res[0] == 0 {
		return nil, limit, nil
	}
	l := &heldLease{store: s, key: key, id: id, lease: lease, renewed: sent}
	l.mu.Lock()
	l.timer = time.AfterFunc(lease/3, l.renew)
	l.mu.Unlock()
	return l.release, int(res[1]), nil
}

// heldLease is a slot this instance holds.
type heldLease struct {
	store   *ConcurrencyStore
	key, id string
	lease   time.Duration
	mu      sync.Mutex
	timer   *time.Timer
	renewed time.Time // when the last successful renewal (or the acquire) was sent
	done    bool      // released, or the lease is lost
}

// renew extends the lease and schedules the next renewal. It stops when the
// lease was released, or is gone: dropped in Redis, or not renewed for a
// whole Lease (it has then expired there).
func (l *heldLease) renew() {
	l.mu.Lock()
	done := l.done
	l.mu.Unlock()
	if done {
		return
	}
	sent := time.Now()
	res, err := l.store.run(context.Background(), renewScript, l.key, micros(int64(l.lease)), l.id)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done {
		return
	}
	switch {
	case err == nil && len(res) == 1 && res[0] == 1:
		l.renewed = sent
	case err == nil || time.Since(l.renewed) >= l.lease:
		l.done = true
		return
	}
	l.timer = time.AfterFunc(l.lease/3, l.renew)
}

// release stops the renewals and gives the slot back. Should Redis not
// answer, the lease expires by itself.
func (l *heldLease) release() {
	l.mu.Lock()
	if l.done && l.timer == nil {
		l.mu.Unlock()
		return
	}
	l.done = true
	l.timer.Stop()
	l.timer = nil
	l.mu.Unlock()
	_, _ = l.store.run(context.Background(), releaseScript, l.key, l.id)
}

// Preload loads the store's scripts into Redis as Store.Preload does.
func (s *ConcurrencyStore) Preload(ctx context.Context) error {
	return s.load(ctx, acquireScript, renewScript, releaseScript)
}
