// Package redistest starts a throwaway redis-server for tests. It is for
// tests only: import it from _test.go files, never from library code.
//
// Start runs redis-server on a free loopback port, without persistence
// (--save "" --appendonly no), in a temporary directory, waits until it
// answers PING and kills it when the test ends. When redis-server is not
// installed the test is skipped with a message saying how to install it, or
// fails if the environment variable FOURXX_REQUIRE_INTEGRATION is "1", so CI
// never passes by skipping. Only the standard library is used.
package redistest
