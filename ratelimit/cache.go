package ratelimit

import (
	"strconv"
	"sync/atomic"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// maxCachedRejects bounds the 429 problems a Limiter prepares per policy:
// one per Retry-After value up to this many seconds.
const maxCachedRejects = 3600

// fieldCache holds RateLimit field lines of a single-policy Limiter, so the
// allowed path sends a prepared value instead of formatting and allocating
// one per request. It is direct-mapped on the bucket's (r, t) before
// shownT raises t: a slot keeps the last line built for any pair that maps
// to it, which covers the few pairs a busy bucket cycles through whatever
// its size, and the r/t cap of a long window is worked out only when a
// line is built.
type fieldCache struct {
	name string  // the policy's sf-string name
	p    *Policy // the policy, prepared
	// afterFull is the line of a bucket that was full before a request of
	// cost 1 took one token: a debt of exactly one Interval. A client
	// within its limit finds its bucket full on every request, so its
	// line is sent without working out r and t.
	afterFull []string
	slots     [fieldCacheSlots]atomic.Pointer[fieldLine]
}

// fieldCacheSlots is the number of slots of a fieldCache; a power of two.
const fieldCacheSlots = 1024

type fieldLine struct {
	r, t int64 // bucketQuota's pair
	// value is shared by every response that gets this line. Its length
	// equals its capacity, so a handler adding a line to the response's
	// field (Header.Add appends) copies it instead of writing into it.
	value []string
}

// newFieldCache returns the field cache of a Limiter whose only policy is
// p, prepared, with the sf-string name given.
func newFieldCache(name string, p *Policy) *fieldCache {
	c := &fieldCache{name: name, p: p}
	c.afterFull = c.get(bucketQuota(p, p.Interval()))
	return c
}

// line returns the field line for a bucket of the cache's policy with the
// given debt after an admitted request.
func (c *fieldCache) line(debt time.Duration) []string {
	if debt == time.Duration(c.p.interval) {
		return c.afterFull
	}
	return c.get(bucketQuota(c.p, debt))
}

// get returns the field line for r whole tokens left and t seconds to the
// next one (t is 0 when the bucket is full and t is omitted), as
// bucketQuota gives them: the line shows t raised by shownT.
func (c *fieldCache) get(r, t int64) []string {
	slot := &c.slots[uint64(r*31+t)&(fieldCacheSlots-1)]
	if line := slot.Load(); line != nil && line.r == r && line.t == t {
		return line.value
	}
	b := append([]byte(c.name), ";r="...)
	b = strconv.AppendInt(b, r, 10)
	if shown := shownT(c.p, r, t); shown > 0 {
		b = append(b, ";t="...)
		b = strconv.AppendInt(b, shown, 10)
	}
	line := &fieldLine{r: r, t: t, value: []string{string(b)}}
	slot.Store(line)
	return line.value
}

// rejectCache holds, per policy, the 429 problems for a request refused by
// that policy alone with no whole token left, one per Retry-After value,
// prepared so that the renderer encodes each once (errorsx.Prepare).
type rejectCache struct {
	problems [][]atomic.Pointer[errorsx.Prepared] // [policy][seconds]
}

func newRejectCache(policies []Policy) *rejectCache {
	c := &rejectCache{problems: make([][]atomic.Pointer[errorsx.Prepared], len(policies))}
	for i := range policies {
		c.problems[i] = make([]atomic.Pointer[errorsx.Prepared], min(policies[i].Window(), maxCachedRejects)+1)
	}
	return c
}

// load returns the prepared problem of policy i for secs, or nil.
func (c *rejectCache) load(i int, secs int64) *errorsx.Prepared {
	if slots := c.problems[i]; secs < int64(len(slots)) {
		return slots[secs].Load()
	}
	return nil
}

// store keeps p as the problem of policy i for secs, if secs is in range.
func (c *rejectCache) store(i int, secs int64, p *errorsx.Prepared) {
	if slots := c.problems[i]; secs < int64(len(slots)) {
		slots[secs].Store(p)
	}
}
