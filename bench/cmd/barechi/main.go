// Command barechi is the baseline of the load test: the demo's GET
// /v1/widgets handler on a bare chi router, with none of fourxx in front of
// it. With -limit it adds the ten-line rate limiter a team would write (a
// locked map of x/time/rate limiters per client IP answering 429 with
// http.Error), the baseline of the over-limit run.
//
// It serves with the demo's http.Server settings (the timeouts and header
// limit of examples/internal/httpserve.Serve): the deadlines net/http sets
// for them cost about a tenth of this server's throughput, and they belong
// to the server, not to the suite the load test measures.
//
//	go run ./cmd/barechi -addr 127.0.0.1:8081 [-limit -rate 1 -burst 1]
package main

import (
	"encoding/json"
	"flag"
	"log"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"
	"golang.org/x/time/rate"
)

// widget has the demo's JSON shape.
type widget struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Color    string   `json:"color"`
	Quantity int      `json:"quantity"`
	Tags     []string `json:"tags,omitempty"`
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "listen address")
	limited := flag.Bool("limit", false, "add a per-IP x/time/rate limiter answering 429 with http.Error")
	perSecond := flag.Float64("rate", 5, "with -limit: tokens per second")
	burst := flag.Int("burst", 10, "with -limit: bucket size")
	flag.Parse()

	r := chi.NewRouter()
	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	r.Route("/v1", func(r chi.Router) {
		if *limited {
			r.Use(perIP(rate.Limit(*perSecond), *burst))
		}
		r.Get("/widgets", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			_ = json.NewEncoder(w).Encode(map[string]any{"widgets": []widget{}})
		})
	})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{
		Handler:           r,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	log.Fatal(srv.Serve(ln))
}

// perIP is the naive limiter: one x/time/rate limiter per peer IP.
func perIP(limit rate.Limit, burst int) func(http.Handler) http.Handler {
	var mu sync.Mutex
	limiters := make(map[string]*rate.Limiter)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ip, _, err := net.SplitHostPort(r.RemoteAddr)
			if err != nil {
				ip = r.RemoteAddr
			}
			mu.Lock()
			l, ok := limiters[ip]
			if !ok {
				l = rate.NewLimiter(limit, burst)
				limiters[ip] = l
			}
			allowed := l.Allow()
			mu.Unlock()
			if !allowed {
				http.Error(w, http.StatusText(http.StatusTooManyRequests), http.StatusTooManyRequests)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
