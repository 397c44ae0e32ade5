package ratelimit_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/fourxx/fourxx/ratelimit"
)

// A slow export route allows 100 requests a minute per client, and at most
// one of them in flight: a second request while the first runs is refused
// with 429 and Retry-After.
func ExampleConcurrencyPolicy() {
	l := ratelimit.New(ratelimit.Options{
		Policies:    []ratelimit.Policy{{Name: "export", Rate: 100.0 / 60, Burst: 100}},
		Concurrency: &ratelimit.ConcurrencyPolicy{Name: "export-inflight", Limit: 1},
	})
	var second *httptest.ResponseRecorder
	h := l.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if second == nil { // while the first request runs, a second arrives
			second = httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodGet, "/export", nil)
			req.RemoteAddr = r.RemoteAddr
			l.Handler(http.NotFoundHandler()).ServeHTTP(second, req)
		}
	}))
	first := httptest.NewRecorder()
	h.ServeHTTP(first, httptest.NewRequest(http.MethodGet, "/export", nil))
	fmt.Println("first:", first.Code, first.Header().Values("RateLimit")[1]) // after the bucket's member
	fmt.Println("second:", second.Code, "Retry-After", second.Header().Get("Retry-After"), second.Header().Values("RateLimit"))
	fmt.Println(first.Header().Get("RateLimit-Policy"))
	// Output:
	// first: 200 "export-inflight";r=0
	// second: 429 Retry-After 1 ["export-inflight";r=0;t=1]
	// "export";q=100;w=60, "export-inflight";q=1;qu="concurrent-requests"
}
