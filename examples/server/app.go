package main

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"golang.org/x/time/rate"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/reference"
	"github.com/fourxx/fourxx/middleware"
	"github.com/fourxx/fourxx/middleware/chix"
	"github.com/fourxx/fourxx/middleware/validate"
	"github.com/fourxx/fourxx/ratelimit"
)

// appConfig is what newApp needs to build the API.
type appConfig struct {
	publicURL string
	rate      float64
	burst     int
	redisURL  string
	// redisTimeout bounds each Redis decision; 0 means the store's default.
	// Tests that are not about timeouts raise it, so that a loaded machine
	// does not turn their decisions into 503s.
	redisTimeout time.Duration
	logger       *slog.Logger
	// noAccessLog leaves out the access log (load tests measure the suite,
	// not the log's output).
	noAccessLog bool
	// now is the rate limiter's clock when it keeps its buckets in memory;
	// nil means time.Now. Tests freeze it to make every header repeatable.
	now func() time.Time
	// debug mounts /debug/vars and /debug/panic (see mountDebug).
	debug bool
}

// app is the demo API and what must be released when it stops.
type app struct {
	handler http.Handler
	close   func()
}

// newApp wires the suite: one renderer whose type URIs point at the
// reference site mounted on the same router, Recover outermost, chi's
// 404/405/501/OPTIONS answered as problems, and on /v1/ the rate limiter
// (before authentication, so 401s are counted per client too, keyed by the
// identity Identify verified), then authentication, per-route authorization
// and validation.
func newApp(cfg appConfig) (*app, error) {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: cfg.publicURL + "/problems/", Logger: cfg.logger, Catalog: demoCatalog()})
	closeFn := func() {}
	var store ratelimit.Store = ratelimit.NewMemoryStore(ratelimit.MemoryOptions{Now: cfg.now})
	if cfg.redisURL != "" {
		var err error
		if store, closeFn, err = newRedisStore(cfg.redisURL, cfg.redisTimeout, cfg.logger); err != nil {
			return nil, err
		}
	}
	authn := newAuth(rd)
	limits := ratelimit.Options{
		Renderer: rd,
		Policies: []ratelimit.Policy{{Name: "default", Rate: rate.Limit(cfg.rate), Burst: cfg.burst}},
		Key:      ratelimit.FirstOf(authn.SubjectKey, ratelimit.ByIP(ratelimit.IPOptions{})),
		Store:    store,
		Logger:   cfg.logger,
	}
	if err := limits.Validate(); err != nil { // -rate and -burst come from flags
		closeFn()
		return nil, err
	}
	limiter := ratelimit.New(limits)
	v := validate.New(validate.Options{Renderer: rd, MaxBytes: 1 << 20})
	w := &widgetAPI{store: newStore(cfg.now), validator: v}
	read := authn.Require(auth.RequireOptions{Scopes: []string{scopeRead}})
	write := authn.Require(auth.RequireOptions{Scopes: []string{scopeWrite}})
	admin := authn.Require(auth.RequireOptions{AnyRole: []string{roleAdmin}})
	body := validate.JSON[WidgetInput](v)

	r := chi.NewRouter()
	if !cfg.noAccessLog {
		r.Use(accessLog(cfg.logger))
	}
	r.Use(middleware.Recover(middleware.RecoverOptions{Renderer: rd}))
	chix.Setup(r, chix.Options{Renderer: rd, Logger: cfg.logger})
	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	if cfg.debug {
		mountDebug(r)
	}
	site := reference.Handler(reference.Options{Renderer: rd})
	r.Handle("/problems", site)
	r.Handle("/problems/*", site)
	r.Route("/v1", func(r chi.Router) {
		r.Use(authn.Identify) // verifies once for the limiter's key and Authenticate
		r.Use(limiter.Handler)
		r.Use(authn.Authenticate)
		r.With(read).Get("/widgets", rd.Handler(w.list))
		r.With(write, body).Post("/widgets", rd.Handler(w.create))
		r.With(read).Get("/widgets/{id}", rd.Handler(w.get))
		r.With(write, body).Put("/widgets/{id}", rd.Handler(w.replace))
		r.With(admin).Delete("/widgets/{id}", rd.Handler(w.delete))
		r.With(write).Post("/widgets/{id}/lock", rd.Handler(w.lock))
		r.With(write).Delete("/widgets/{id}/lock", rd.Handler(w.unlock))
	})
	return &app{handler: r, close: closeFn}, nil
}
