package main

import (
	"log/slog"
	"net/http"
	"time"

	"golang.org/x/time/rate"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/middleware"
	"github.com/fourxx/fourxx/ratelimit"
)

// appConfig is what newHandler needs.
type appConfig struct {
	renderer *errorsx.Renderer // writes every problem; nil means errorsx.Default()
	logger   *slog.Logger      // receives the limiter's and Normalize's warnings; nil means slog.Default()
	rate     float64           // tokens refilled per second, per client
	burst    int               // bucket size, per client
	now      func() time.Time  // the limiter's clock; nil means time.Now (tests freeze it)
}

// newHandler wraps the untouched legacy mux (legacy.go). Read it from the
// inside out:
//
//   - Normalize turns every http.Error, bare WriteHeader and ServeMux
//     404/405 into a problem, keeping status and headers (Allow …), and
//     gives the legacy 401 the challenge it forgot;
//   - Require lets reads through with notes:read and writes with
//     notes:write (403 otherwise), after Authenticate answers a request
//     without valid credentials with 401;
//   - the rate limiter, before authentication so that 401s are counted
//     too, keys by verified identity, else by client IP (429);
//   - Recover, outermost, turns a panic anywhere into a generic 500.
func newHandler(cfg appConfig) (http.Handler, error) {
	rd, authn := cfg.renderer, newAuth(cfg.renderer)
	limits := ratelimit.Options{
		Renderer: rd,
		Policies: []ratelimit.Policy{{Name: "default", Rate: rate.Limit(cfg.rate), Burst: cfg.burst}},
		Key:      ratelimit.FirstOf(authn.SubjectKey, ratelimit.ByIP(ratelimit.IPOptions{})),
		Store:    ratelimit.NewMemoryStore(ratelimit.MemoryOptions{Now: cfg.now}),
		Logger:   cfg.logger,
	}
	if err := limits.Validate(); err != nil { // -rate and -burst come from flags
		return nil, err
	}
	limiter := ratelimit.New(limits)
	var h http.Handler = newLegacyMux()
	h = middleware.Normalize(middleware.NormalizeOptions{Renderer: rd, Challenge: `Bearer realm="` + realm + `"`, Logger: cfg.logger})(h)
	h = byMethod(
		authn.Require(auth.RequireOptions{Scopes: []string{scopeRead}}),
		authn.Require(auth.RequireOptions{Scopes: []string{scopeWrite}}),
	)(h)
	h = authn.Authenticate(h)
	h = limiter.Handler(h)
	return middleware.Recover(middleware.RecoverOptions{Renderer: rd})(h), nil
}

// byMethod routes GET and HEAD requests through read and every other method
// through write, so one policy covers every route of the mux.
func byMethod(read, write func(http.Handler) http.Handler) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		reads, writes := read(next), write(next)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				reads.ServeHTTP(w, r)
				return
			}
			writes.ServeHTTP(w, r)
		})
	}
}
