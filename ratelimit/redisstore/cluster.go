package redisstore

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// slotReloadInterval is the least time between two reloads of a Redis
// Cluster's slot map that a Store requests.
const slotReloadInterval = 100 * time.Millisecond

// slotMap keeps a Cluster client's slot map fresh after failures. go-redis
// reloads it on MOVED replies, but after a master dies (connection refused,
// timeouts) only every ClusterStateReloadInterval, 60 s by default, so a
// replica's promotion would go unseen that long. A failed call therefore
// asks for a reload, at most once per slotReloadInterval.
type slotMap struct {
	client *redis.ClusterClient // nil unless the Store's client is a cluster client
	last   atomic.Int64         // UnixNano of the last reload requested
}

// failed records that a call failed, and reloads the slot map in the
// background unless a reload was requested less than slotReloadInterval ago.
func (m *slotMap) failed() {
	if m.client == nil {
		return
	}
	now := time.Now().UnixNano()
	last := m.last.Load()
	if now-last < int64(slotReloadInterval) || !m.last.CompareAndSwap(last, now) {
		return
	}
	m.client.ReloadState(context.Background())
}
