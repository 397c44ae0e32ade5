package middleware

import (
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// warnEvery is how often a warning about one route and status is repeated.
const warnEvery = time.Minute

// warnings logs what a handler got wrong once per route and status, then at
// most once every warnEvery, so a broken route cannot flood the log. Its
// memory is bounded by the routes of the server: the key is the request's
// Pattern, set by the router from its own table, never from request data.
type warnings struct {
	logger *slog.Logger
	now    func() time.Time
	last   sync.Map // warnKey → *atomic.Int64, Unix nanoseconds of the last line
}

type warnKey struct {
	route  string
	status int
}

// warn logs msg at level Warn unless a line for r's route and status was
// logged less than warnEvery ago.
func (ws *warnings) warn(r *http.Request, status int, msg string, attrs ...slog.Attr) {
	key := warnKey{r.Pattern, status}
	v, ok := ws.last.Load(key)
	if !ok {
		v, _ = ws.last.LoadOrStore(key, new(atomic.Int64))
	}
	last, now := v.(*atomic.Int64), ws.now().UnixNano()
	prev := last.Load()
	if prev != 0 && now-prev < int64(warnEvery) || !last.CompareAndSwap(prev, now) {
		return
	}
	logger := ws.logger
	if logger == nil {
		logger = slog.Default()
	}
	attrs = append(attrs, slog.Int("status", status), slog.String("route", r.Pattern),
		slog.String("method", r.Method), slog.String("path", r.URL.Path),
		slog.String("repeats", "at most once a minute per route and status"))
	logger.LogAttrs(r.Context(), slog.LevelWarn, msg, attrs...)
}
