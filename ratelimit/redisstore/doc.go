// Package redisstore is a ratelimit.Store on Redis, for deployments where
// many application instances must share one set of buckets.
//
// Each decision is one EVALSHA of a Lua script (go-redis falls back to EVAL
// when the server answers NOSCRIPT, after a restart, failover or SCRIPT
// FLUSH), so it is atomic and costs one round trip. The script reads the
// Redis server's clock (TIME), so application instances with skewed clocks
// agree. All policies of one client live in one hash key, Prefix + key, so a
// decision touches a single key and works on Redis Cluster; fields are the
// policy names and hold each bucket's theoretical arrival time (GCRA, the
// token bucket of rate.Limiter as a timestamp) in microseconds. The key
// expires (PEXPIRE) when every bucket in it has refilled, so idle clients
// vanish by themselves. Redis 5 or later is required (script effects
// replication, so TIME may precede writes); redis.replicate_commands() is
// called for older servers that support it.
//
// A client that Redis refused is answered by the Store itself until the
// moment Redis would admit it again (shedding; Options.NoShedding turns it
// off): the same refusal, its wait counting down from the moment the
// refused request was sent, so a flood from one client costs one round trip
// per Retry-After period per instance instead of one per request. A refusal
// changes no bucket and other instances can only deepen a debt, so a local
// refusal never outlasts the one Redis would give (unless Redis loses its
// data: after FLUSHALL or a restart without persistence it ends when
// Redis's would have), and nothing is admitted without Redis. At most
// Options.ShedKeys refusals are remembered.
//
// On Redis Cluster (a *redis.ClusterClient, which redis.NewUniversalClient
// returns for several addresses) a failed call also asks the client to
// reload its slot map, at most ten times a second, so that a replica
// promoted after its master died is used at once rather than after
// go-redis's ClusterStateReloadInterval (60 s by default).
//
// Every call has a short timeout of its own (Options.Timeout, 50 ms by
// default) and ignores the cancellation of the request's context: a client
// that disconnects or half-closes its connection cancels that context, which
// is no failure of the store. An error (Redis down, slow or unreachable) is
// returned to the Limiter, which applies its FailurePolicy.
package redisstore
