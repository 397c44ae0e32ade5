package redisstore_test

import (
	"log"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/fourxx/fourxx/ratelimit"
	"github.com/fourxx/fourxx/ratelimit/redisstore"
)

// A limiter shared by every instance of the application through Redis. If
// Redis cannot answer within the timeout, FailOpen serves the request and
// logs it; FailClosed (the default) answers 503 with Retry-After.
func Example() {
	// ContextTimeoutEnabled lets go-redis itself stop a call at the store's
	// deadline instead of finishing it in the background.
	client := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{"127.0.0.1:6379"}, ContextTimeoutEnabled: true})
	store, err := redisstore.New(redisstore.Options{Client: client, Prefix: "myapp:rl:api:"})
	if err != nil {
		log.Fatal(err)
	}
	l := ratelimit.New(ratelimit.Options{
		Policies:      []ratelimit.Policy{{Name: "api", Rate: 50, Burst: 100}},
		Store:         store,
		FailurePolicy: ratelimit.FailOpen,
	})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items", func(w http.ResponseWriter, r *http.Request) {})
	_ = http.ListenAndServe("127.0.0.1:8080", l.Handler(mux))
}

// At most 4 reports per client are generated at once across every
// instance of the application. A slot is a lease of 30 s, renewed while
// the handler runs, so an instance that crashes mid-report frees its slots
// within 30 s.
func ExampleNewConcurrency() {
	client := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{"127.0.0.1:6379"}, ContextTimeoutEnabled: true})
	buckets, err := redisstore.New(redisstore.Options{Client: client, Prefix: "myapp:rl:reports:"})
	if err != nil {
		log.Fatal(err)
	}
	slots, err := redisstore.NewConcurrency(redisstore.Options{Client: client, Prefix: "myapp:inflight:reports:"})
	if err != nil {
		log.Fatal(err)
	}
	l := ratelimit.New(ratelimit.Options{
		Policies:    []ratelimit.Policy{{Name: "reports", Rate: 1, Burst: 10}},
		Store:       buckets,
		Concurrency: &ratelimit.ConcurrencyPolicy{Name: "reports-inflight", Limit: 4, Lease: 30 * time.Second, Store: slots},
	})
	mux := http.NewServeMux()
	mux.HandleFunc("POST /reports", func(w http.ResponseWriter, r *http.Request) {})
	_ = http.ListenAndServe("127.0.0.1:8080", l.Handler(mux))
}
