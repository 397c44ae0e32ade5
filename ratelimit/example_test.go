package ratelimit_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"time"

	"golang.org/x/time/rate"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/ratelimit"
)

// Per client IP behind a trusted reverse proxy: only the proxy's network may
// name the client through X-Forwarded-For. (The daily policy's t is 8640,
// not the 9 s to its next token: t is raised so that r/t never announces
// more than ten times the policy's average rate.)
func Example_behindTrustedProxy() {
	l := ratelimit.New(ratelimit.Options{
		Policies: []ratelimit.Policy{
			{Name: "burst", Rate: 10, Burst: 20},
			{Name: "daily", Rate: rate.Every(24 * time.Hour / 10000), Burst: 10000},
		},
		Key: ratelimit.ByIP(ratelimit.IPOptions{
			TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")},
		}),
	})
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
	// "burst";r=19;t=1, "daily";r=9999;t=8640
}

// Per identity with the auth package, falling back to the client IP: the
// limiter runs before authentication, so requests answered 401 are counted
// per client too (guessing credentials is limited), while each valid
// identity gets its own bucket wherever it connects from.
func Example_perIdentity() {
	a := auth.New(auth.Options{Schemes: []auth.Scheme{auth.Bearer(auth.BearerOptions{Realm: "api", Verify: auth.StaticTokens(map[string]auth.Identity{
		"alice-token": {Subject: "alice"},
		"bob-token":   {Subject: "bob"},
	})})}})
	l := ratelimit.New(ratelimit.Options{
		Policies: []ratelimit.Policy{{Name: "per-client", Rate: 1, Burst: 2}},
		Key:      ratelimit.FirstOf(a.SubjectKey, ratelimit.ByIP(ratelimit.IPOptions{})),
	})
	h := l.Handler(a.Authenticate(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})))
	for _, authorization := range []string{"Bearer alice-token", "Bearer alice-token", "Bearer alice-token", "Bearer bob-token", "Bearer guess", "Bearer guess", "Bearer guess"} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Header.Set("Authorization", authorization)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		fmt.Println(authorization, rec.Code, rec.Header().Get("RateLimit"))
	}
	// Output:
	// Bearer alice-token 200 "per-client";r=1;t=1
	// Bearer alice-token 200 "per-client";r=0;t=1
	// Bearer alice-token 429 "per-client";r=0;t=1
	// Bearer bob-token 200 "per-client";r=1;t=1
	// Bearer guess 401 "per-client";r=1;t=1
	// Bearer guess 401 "per-client";r=0;t=1
	// Bearer guess 429 "per-client";r=0;t=1
}

// A limiter of 1 request per second with a burst of 2 per client IP: the
// third request at once is refused with 429, Retry-After and a problem body
// naming the violated policy.
func ExampleNew() {
	l := ratelimit.New(ratelimit.Options{
		Policies: []ratelimit.Policy{{Name: "per-client", Rate: 1, Burst: 2}},
	})
	h := l.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "hello")
	}))
	for range 3 {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.RemoteAddr = "192.0.2.1:50000"
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		fmt.Println(rec.Code, rec.Header().Get("RateLimit-Policy"), rec.Header().Get("RateLimit"))
		if rec.Code != http.StatusOK {
			fmt.Println("Retry-After:", rec.Header().Get("Retry-After"))
			fmt.Print(rec.Body.String())
		}
	}
	// Output:
	// 200 "per-client";q=2;w=2 "per-client";r=1;t=1
	// 200 "per-client";q=2;w=2 "per-client";r=0;t=1
	// 429 "per-client";q=2;w=2 "per-client";r=0;t=1
	// Retry-After: 1
	// {"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Too many requests under rate-limit policy \"per-client\"; retry in 1 s.","violated_policies":["per-client"]}
}

// Options read from flags are checked with Validate, which returns the
// error New would panic with.
func ExampleOptions_Validate() {
	burst := 0 // e.g. from a -burst flag
	opts := ratelimit.Options{Policies: []ratelimit.Policy{{Name: "api", Rate: 10, Burst: burst}}}
	if err := opts.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	_ = ratelimit.New(opts)
	// Output:
	// ratelimit: Policies[0].Burst: policy "api": must be 1–999999999999999
}
