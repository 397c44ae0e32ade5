package auth_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
)

// discardWriter is a ResponseWriter that allocates nothing per request.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(int)             {}

var staticIdentity = &auth.Identity{Subject: "alice", Scopes: []string{"read", "write"}, Scheme: "Bearer"}

func staticVerifier(context.Context, string) (*auth.Identity, error) { return staticIdentity, nil }

// discardLogger keeps the rejection benchmarks measuring the middleware and
// the renderer, not the suite's log capture (which records client errors
// at Debug).
var discardLogger = slog.New(slog.DiscardHandler)

var okHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })

func benchRequest() *http.Request {
	r := httptest.NewRequest("GET", "/orders", nil)
	r.Header.Set("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlc2lnbmF0dXJl")
	return r
}

func runBench(b *testing.B, h http.Handler) {
	r := benchRequest()
	w := &discardWriter{h: http.Header{}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		h.ServeHTTP(w, r)
	}
}

// BenchmarkAuthenticateBare is the baseline: the handler alone.
func BenchmarkAuthenticateBare(b *testing.B) { runBench(b, okHandler) }

// BenchmarkAuthenticateBearer is the allowed path of Bearer with a static
// verifier; compare with BenchmarkAuthenticateBare.
func BenchmarkAuthenticateBearer(b *testing.B) {
	s := auth.Bearer(auth.BearerOptions{Realm: "api", Verify: staticVerifier})
	runBench(b, auth.New(auth.Options{Schemes: []auth.Scheme{s}}).Authenticate(okHandler))
}

// BenchmarkAuthenticateBearerRequireScope adds Require with one scope.
func BenchmarkAuthenticateBearerRequireScope(b *testing.B) {
	s := []auth.Scheme{auth.Bearer(auth.BearerOptions{Realm: "api", Verify: staticVerifier})}
	a := auth.New(auth.Options{Schemes: s})
	h := a.Authenticate(a.Require(auth.RequireOptions{Scopes: []string{"write"}})(okHandler))
	runBench(b, h)
}

// BenchmarkAuthenticateBearerParallel runs the allowed path on all CPUs.
func BenchmarkAuthenticateBearerParallel(b *testing.B) {
	s := auth.Bearer(auth.BearerOptions{Realm: "api", Verify: staticVerifier})
	h := auth.New(auth.Options{Schemes: []auth.Scheme{s}}).Authenticate(okHandler)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		r := benchRequest()
		w := &discardWriter{h: http.Header{}}
		for pb.Next() {
			h.ServeHTTP(w, r)
		}
	})
}

// BenchmarkAuthenticateRejectNoCredentials is the 401 path, rendered.
func BenchmarkAuthenticateRejectNoCredentials(b *testing.B) {
	s := auth.Bearer(auth.BearerOptions{Realm: "api", Verify: staticVerifier})
	rd := errorsx.NewRenderer(errorsx.Options{Logger: discardLogger})
	h := auth.New(auth.Options{Schemes: []auth.Scheme{s}, Renderer: rd}).Authenticate(okHandler)
	r := httptest.NewRequest("GET", "/orders", nil)
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(&discardWriter{h: http.Header{}}, r)
	}
}

// BenchmarkAuthenticateStaticTokens is the allowed path of Bearer with
// StaticTokens over 100 tokens, the request's among them (an 80-byte token,
// hashed once and compared with every entry).
func BenchmarkAuthenticateStaticTokens(b *testing.B) {
	table := map[string]auth.Identity{strings.TrimPrefix(benchRequest().Header.Get("Authorization"), "Bearer "): {Subject: "alice"}}
	for i := range 99 {
		table["token-"+strconv.Itoa(i)] = auth.Identity{Subject: "user-" + strconv.Itoa(i)}
	}
	s := auth.Bearer(auth.BearerOptions{Realm: "api", Verify: auth.StaticTokens(table)})
	runBench(b, auth.New(auth.Options{Schemes: []auth.Scheme{s}}).Authenticate(okHandler))
}

// BenchmarkAuthenticateBasicCredentials is the allowed path of Basic with
// BasicCredentials over 100 users (hashing dominates).
func BenchmarkAuthenticateBasicCredentials(b *testing.B) {
	users := map[string]string{"bob": "pw"}
	for i := range 99 {
		users["user"+string(rune('a'+i%26))+string(rune('a'+i/26))] = "x"
	}
	s := auth.Basic(auth.BasicOptions{Verify: auth.BasicCredentials(users)})
	h := auth.New(auth.Options{Schemes: []auth.Scheme{s}}).Authenticate(okHandler)
	r := httptest.NewRequest("GET", "/", nil)
	r.SetBasicAuth("bob", "pw")
	w := &discardWriter{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(w, r)
	}
}

type floorKey struct{}

// BenchmarkAuthenticateFloor is what any middleware that hands a value to
// the next handler must pay (context.WithValue plus Request.WithContext):
// the part of BenchmarkAuthenticateBearer that is not authentication.
func BenchmarkAuthenticateFloor(b *testing.B) {
	runBench(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		okHandler.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), floorKey{}, staticIdentity)))
	}))
}

// BenchmarkRequireRefuseScope is the 403 path of Require (missing scope,
// Bearer challenge), rendered.
func BenchmarkRequireRefuseScope(b *testing.B) {
	s := []auth.Scheme{auth.Bearer(auth.BearerOptions{Realm: "api", Verify: staticVerifier})}
	rd := errorsx.NewRenderer(errorsx.Options{Logger: discardLogger})
	h := auth.New(auth.Options{Schemes: s, Renderer: rd}).Require(auth.RequireOptions{Scopes: []string{"admin"}})(okHandler)
	r := httptest.NewRequest("GET", "/orders", nil)
	r = r.WithContext(auth.NewContext(r.Context(), staticIdentity))
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(&discardWriter{h: http.Header{}}, r)
	}
}
