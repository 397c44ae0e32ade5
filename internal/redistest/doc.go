// Package redistest starts a throwaway redis-server for tests. It is for
// tests only: import it from _test.go files, never from library code.
//
// Start runs redis-server on a free loopback port, without persistence
// (--save "" --appendonly no), in a temporary directory, waits until it
// answers and kills it when the test ends. When redis-server is not
// installed the test is skipped with a message saying how to install it, or
// fails if the environment variable FOURXX_REQUIRE_INTEGRATION is "1", so CI
// never passes by skipping. Server.Pause and Resume stall a server with
// SIGSTOP and SIGCONT; Stop and Restart take it down and up on its port.
//
// StartCluster runs a Redis Cluster of three masters with one replica each
// (six redis-server --cluster-enabled yes, started at once and joined with
// CLUSTER ADDSLOTSRANGE, MEET and REPLICATE), on free loopback ports with a
// 1 s node timeout, so a killed master's replica takes over within a few
// seconds. It is ready in a little over two seconds, the time a new master
// waits before serving; StartClusterInBackground lets a test do other work
// meanwhile. Commands are sent with go-redis, the Redis store's own client;
// redis-server comes from the Debian package redis-server (Redis
// 7 or later for the cluster).
package redistest
