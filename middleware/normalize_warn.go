package middleware

import (
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// warnEvery is how often a warning about one route and status is repeated.
const warnEvery = time.Minute

// warnings logs what a handler got wrong once per route and status, then at
// most once every warnEvery, so a broken route cannot flood the log. Its
// memory is bounded by the routes of the server: the key is the route's
// name from the router's own table, never request data.
type warnings struct {
	logger *slog.Logger
	now    func() time.Time
	route  func(*http.Request) string
	mu     sync.Mutex
	last   map[warnKey]time.Time // when the last line about the key was logged
}

type warnKey struct {
	route  string
	status int
}

// warn logs msg at level Warn unless a line for r's route and status was
// logged less than warnEvery ago.
func (ws *warnings) warn(r *http.Request, status int, msg string, attrs ...slog.Attr) {
	route := ws.route(r)
	key, now := warnKey{route, status}, ws.now()
	ws.mu.Lock()
	last, seen := ws.last[key]
	due := !seen || now.Sub(last) >= warnEvery
	if due {
		if ws.last == nil {
			ws.last = make(map[warnKey]time.Time)
		}
		ws.last[key] = now
	}
	ws.mu.Unlock()
	if !due {
		return
	}
	logger := ws.logger
	if logger == nil {
		logger = slog.Default()
	}
	attrs = append(attrs, slog.Int("status", status), slog.String("route", route),
		slog.String("method", r.Method), slog.String("path", r.URL.Path),
		slog.String("repeats", "at most once a minute per route and status"))
	logger.LogAttrs(r.Context(), slog.LevelWarn, msg, attrs...)
}
