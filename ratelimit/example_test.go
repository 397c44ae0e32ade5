package ratelimit_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"time"

	"golang.org/x/time/rate"

	"github.com/fourxx/fourxx/ratelimit"
)

// Per client IP behind a trusted reverse proxy: only the proxy's network may
// name the client through X-Forwarded-For.
func Example_behindTrustedProxy() {
	l, err := ratelimit.New(ratelimit.Options{
		Policies: []ratelimit.Policy{
			{Name: "burst", Rate: 10, Burst: 20},
			{Name: "daily", Rate: rate.Every(24 * time.Hour / 10000), Burst: 10000},
		},
		Key: ratelimit.ByIP(ratelimit.IPOptions{
			TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")},
		}),
	})
	if err != nil {
		panic(err)
	}
	h := l.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))

	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.RemoteAddr = "10.0.0.7:51000"                         // the proxy
	req.Header.Set("X-Forwarded-For", "6.6.6.6, 203.0.113.5") // 6.6.6.6 is client-forged
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	fmt.Println(rec.Header().Get("RateLimit-Policy"))
	fmt.Println(rec.Header().Get("RateLimit"))
	// Output:
	// 200
	// "burst";q=20;w=2, "daily";q=10000;w=86400
	// "burst";r=19;t=1, "daily";r=9999;t=9
}

// Per identity, falling back to the client IP for anonymous requests. In an
// application the first function is the auth package's subject key; here a
// stand-in reads a test header.
func Example_perIdentity() {
	subject := func(r *http.Request) (string, error) { // stand-in for auth's key function
		if u := r.Header.Get("X-Demo-User"); u != "" {
			return "id:" + u, nil
		}
		return "", nil
	}
	l, err := ratelimit.New(ratelimit.Options{
		Policies: []ratelimit.Policy{{Name: "per-user", Rate: 1, Burst: 2}},
		Key:      ratelimit.FirstOf(subject, ratelimit.ByIP(ratelimit.IPOptions{})),
	})
	if err != nil {
		panic(err)
	}
	h := l.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	for range 3 {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Header.Set("X-Demo-User", "alice")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		fmt.Println(rec.Code, rec.Header().Get("Retry-After"), rec.Header().Get("RateLimit"))
	}
	// Output:
	// 200  "per-user";r=1;t=1
	// 200  "per-user";r=0;t=1
	// 429 1 "per-user";r=0;t=1
}
