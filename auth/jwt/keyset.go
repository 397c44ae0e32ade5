package jwt

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/MicahParks/keyfunc/v3"
	gojwt "github.com/golang-jwt/jwt/v5"
	"golang.org/x/time/rate"

	"github.com/fourxx/fourxx/auth"
)

// The defaults of the key set options.
const (
	defaultFetchTimeout    = 10 * time.Second
	defaultRefreshInterval = time.Hour
	defaultRefreshCooldown = 5 * time.Minute
)

// A keySet is a remote JWK Set, fetched and cached by
// github.com/MicahParks/keyfunc (over github.com/MicahParks/jwkset), that
// also knows whether its last fetch failed, so that a key missing because
// the server is down is told apart from a key that does not exist.
type keySet struct {
	keys keyfunc.Keyfunc
	// down is true while the last fetch failed.
	down atomic.Bool
	stop context.CancelFunc
}

// newKeySet fetches the set at opts.KeySetURL once and starts refreshing
// it in the background until close.
func newKeySet(opts Options) (*keySet, error) {
	client := opts.KeySetClient
	if client == nil {
		client = &http.Client{Timeout: defaultFetchTimeout}
	}
	timeout := client.Timeout
	if timeout <= 0 {
		timeout = defaultFetchTimeout
	}
	interval, cooldown := opts.RefreshInterval, opts.RefreshCooldown
	if interval == 0 {
		interval = defaultRefreshInterval
	}
	if cooldown == 0 {
		cooldown = defaultRefreshCooldown
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.Default()
	}
	ctx, stop := context.WithCancel(context.Background())
	ks := &keySet{stop: stop}
	remote, err := jwkset.NewStorageFromHTTP(opts.KeySetURL, jwkset.HTTPClientStorageOptions{
		Client:          client,
		Ctx:             ctx,
		HTTPTimeout:     timeout,
		RefreshInterval: interval,
		Storage:         &fetchRecorder{Storage: jwkset.NewMemoryStorage(), down: &ks.down},
		RefreshErrorHandler: func(ctx context.Context, err error) {
			ks.down.Store(true)
			logger.LogAttrs(ctx, slog.LevelError, "jwt: key set fetch failed",
				slog.String("url", opts.KeySetURL), slog.String("error", err.Error()))
		},
	})
	if err != nil {
		stop()
		return nil, fmt.Errorf("jwt: KeySetURL: %w", err)
	}
	set, err := jwkset.NewHTTPClient(jwkset.HTTPClientOptions{
		HTTPURLs:          map[string]jwkset.Storage{opts.KeySetURL: remote},
		RateLimitWaitMax:  timeout,
		RefreshUnknownKID: rate.NewLimiter(rate.Every(cooldown), 1),
	})
	if err == nil {
		ks.keys, err = keyfunc.New(keyfunc.Options{Ctx: ctx, Storage: set})
	}
	if err != nil {
		stop()
		return nil, fmt.Errorf("jwt: KeySetURL: %w", err)
	}
	return ks, nil
}

// fetchRecorder is the key store a fetch writes into: a successful fetch
// replaces all keys, which marks the set up again.
type fetchRecorder struct {
	jwkset.Storage
	down *atomic.Bool
}

func (s *fetchRecorder) KeyReplaceAll(ctx context.Context, given []jwkset.JWK) error {
	err := s.Storage.KeyReplaceAll(ctx, given)
	if err == nil {
		s.down.Store(false)
	}
	return err
}

var (
	// errUnknownKey rejects a token whose key the set does not hold,
	// although the set was fetched.
	errUnknownKey = errors.New("jwt: no key of the key set verifies this token")
	// errKeySetDown is the backend failure of a token whose key is not
	// cached while the key set cannot be fetched.
	errKeySetDown = fmt.Errorf("%w: jwt: key set unreachable", auth.ErrUnavailable)
)

// key returns the key of the set that verifies t, fetching the set again
// if t names an unknown kid (subject to the cooldown). The fetch is not
// tied to the request: a client that disconnects does not abort it, nor
// make the set look down.
func (ks *keySet) key(ctx context.Context, t *gojwt.Token) (any, error) {
	k, err := ks.keys.KeyfuncCtx(context.WithoutCancel(ctx))(t)
	if err != nil {
		return nil, ks.missing()
	}
	alg := t.Method.Alg()
	if set, ok := k.(gojwt.VerificationKeySet); ok {
		// No kid: every key of the set whose type fixes this algorithm.
		var fit gojwt.VerificationKeySet
		for _, k := range set.Keys {
			if a, err := algorithmFor(k); err == nil && a == alg {
				fit.Keys = append(fit.Keys, k)
			}
		}
		if len(fit.Keys) == 0 {
			return nil, ks.missing()
		}
		return fit, nil
	}
	if a, err := algorithmFor(k); err != nil || a != alg {
		return nil, errUnknownKey
	}
	return k, nil
}

// missing is the error for a token whose key the set lacks: a backend
// failure while the last fetch failed (the key may exist), else a rejection.
func (ks *keySet) missing() error {
	if ks.down.Load() {
		return errKeySetDown
	}
	return errUnknownKey
}

// close stops the background refresh.
func (ks *keySet) close() { ks.stop() }
