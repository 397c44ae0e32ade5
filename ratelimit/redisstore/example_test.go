package redisstore_test

import (
	"log"
	"net/http"

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
	l, err := ratelimit.New(ratelimit.Options{
		Policies:      []ratelimit.Policy{{Name: "api", Rate: 50, Burst: 100}},
		Store:         store,
		FailurePolicy: ratelimit.FailOpen,
	})
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items", func(w http.ResponseWriter, r *http.Request) {})
	_ = http.ListenAndServe("127.0.0.1:8080", l.Handler(mux))
}
