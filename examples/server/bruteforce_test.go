package main

import (
	"net/http"
	"testing"
	"time"
)

// TestGuessingIsThrottledPerClient checks the demo's defence against brute
// force: the limiter runs before authentication and keys a request by its
// verified subject, else by its address, so failed guesses from one client
// share one bucket whatever scheme or user they try, and are refused with
// 429 once it is empty; the real user, whose credentials verify, keeps a
// bucket of its own and cannot be locked out by the guesser.
func TestGuessingIsThrottledPerClient(t *testing.T) {
	t.Parallel()
	const burst = 5
	s := startDemo(t, 1, burst)
	guesses := []req{
		{path: "/v1/widgets", headers: basicAuth("alice:guess-1")},
		{path: "/v1/widgets", headers: basicAuth("alice:guess-2")},
		{path: "/v1/widgets", headers: basicAuth("bob:guess-3")},
		{path: "/v1/widgets", headers: []string{"Authorization", "Bearer guess-4"}},
		{path: "/v1/widgets", headers: basicAuth("alice:guess-5")},
	}
	for i, g := range guesses {
		if x := s.do(t, g); x.status != http.StatusUnauthorized {
			t.Fatalf("guess %d: %v", i+1, x)
		}
	}
	for _, g := range []req{
		{name: "sixth guess", path: "/v1/widgets", headers: basicAuth("alice:guess-6")},
		{name: "guess with another scheme", path: "/v1/widgets", headers: []string{"Authorization", "Bearer guess-7"}},
		{name: "no credentials", path: "/v1/widgets"},
	} {
		if x := s.do(t, g); x.status != http.StatusTooManyRequests {
			t.Errorf("%s after %d failed guesses: %d, want 429", g.name, burst, x.status)
		}
	}
	if x := s.do(t, req{path: "/v1/widgets", headers: aliceAuth}); x.status != http.StatusOK {
		t.Errorf("alice herself after the guesses: %v", x)
	}
	s.clock.advance(time.Second) // one token back
	if x := s.do(t, req{path: "/v1/widgets", headers: basicAuth("alice:guess-8")}); x.status != http.StatusUnauthorized {
		t.Errorf("a guess a second later: %d, want 401 (one token refilled)", x.status)
	}
}
