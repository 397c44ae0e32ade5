package errorsx

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// defaultLogEvery is the interval of Options.LogEvery when it is zero.
const defaultLogEvery = time.Second

// maxLogKeys bounds how many distinct lines the log limiter remembers;
// beyond it, new lines share one entry per message and status.
const maxLogKeys = 1024

// overflowKey stands for every line that found the limiter full.
const overflowKey = "\x00overflow"

func (rd *Renderer) logger() *slog.Logger {
	if rd.opts.Logger != nil {
		return rd.opts.Logger
	}
	return slog.Default()
}

// clientCaused reports whether a problem with this status is the request's
// doing rather than a failure of the server: every 4xx, 501 (the server does
// not implement what was asked, RFC 9110 §15.6.2: an unknown method), and a
// 5xx whose cause is the client cancelling the request.
func clientCaused(r *http.Request, status int, p *Problem) bool {
	return status < 500 || status == http.StatusNotImplemented || canceledByClient(r, p)
}

// canceledByClient reports whether p's cause is the client cancelling r.
func canceledByClient(r *http.Request, p *Problem) bool {
	cause := p.Unwrap()
	return cause != nil && r.Context().Err() != nil && errors.Is(cause, context.Canceled)
}

// logProblem logs one line about p. Lines at Warn and above go through the
// limiter.
func (rd *Renderer) logProblem(r *http.Request, level slog.Level, msg string, status int, p *Problem) {
	l := rd.logger()
	ctx := r.Context()
	if !l.Enabled(ctx, level) {
		return
	}
	cause, err := "", p.Unwrap()
	if err != nil {
		cause = err.Error()
	}
	attrs := make([]slog.Attr, 0, 8)
	attrs = append(attrs, slog.Int("status", status), slog.String("method", r.Method), slog.String("path", r.URL.Path))
	if p.Detail != "" {
		attrs = append(attrs, slog.String("detail", p.Detail))
	}
	if cause != "" {
		attrs = append(attrs, slog.String("cause", cause))
	}
	var pe *PanicError
	if errors.As(err, &pe) && len(pe.Stack) > 0 {
		attrs = append(attrs, slog.String("stack", string(pe.Stack)))
	}
	rd.emit(ctx, l, level, msg, logKey{msg: msg, status: status, a: p.Detail, b: cause}, attrs)
}

// logf logs one line of the renderer's own, keyed for the limiter by msg
// and the attribute values that tell lines apart.
func (rd *Renderer) logf(ctx context.Context, level slog.Level, msg string, key logKey, attrs ...slog.Attr) {
	l := rd.logger()
	if !l.Enabled(ctx, level) {
		return
	}
	key.msg = msg
	rd.emit(ctx, l, level, msg, key, attrs)
}

// emit writes the line unless the limiter holds it back; a line that
// follows suppressed ones says how many.
func (rd *Renderer) emit(ctx context.Context, l *slog.Logger, level slog.Level, msg string, key logKey, attrs []slog.Attr) {
	if level >= slog.LevelWarn {
		suppressed, ok := rd.limit.allow(key)
		if !ok {
			return
		}
		if suppressed > 0 {
			attrs = append(attrs, slog.Int("suppressed", suppressed))
		}
	}
	l.LogAttrs(ctx, level, msg, attrs...)
}

// logKey identifies lines that are the same for the limiter.
type logKey struct {
	msg    string
	status int
	a, b   string
}

// logLimiter lets through at most one line per key and interval and counts
// the others.
type logLimiter struct {
	every time.Duration // ≤ 0: no limit
	now   func() time.Time

	mu    sync.Mutex
	seen  map[logKey]logEntry
	swept time.Time
}

type logEntry struct {
	last       time.Time // when a line with the key was last logged
	suppressed int       // lines held back since then
}

func newLogLimiter(every time.Duration) *logLimiter {
	if every == 0 {
		every = defaultLogEvery
	}
	return &logLimiter{every: every, now: time.Now, seen: make(map[logKey]logEntry)}
}

// allow reports whether a line with key may be logged now and, if so, how
// many lines with that key were held back since the last one.
func (l *logLimiter) allow(key logKey) (suppressed int, ok bool) {
	if l == nil || l.every < 0 { // nil: a Renderer not built by NewRenderer
		return 0, true
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	e, found := l.seen[key]
	if !found && len(l.seen) >= maxLogKeys {
		l.sweep(now)
		if len(l.seen) >= maxLogKeys {
			key = logKey{msg: key.msg, status: key.status, a: overflowKey}
			e, found = l.seen[key]
		}
	}
	if found && now.Sub(e.last) < l.every {
		e.suppressed++
		l.seen[key] = e
		return 0, false
	}
	l.seen[key] = logEntry{last: now}
	return e.suppressed, true
}

// sweep forgets the keys whose interval has passed, at most once per
// interval so that a flood of new keys does not sweep on every line.
func (l *logLimiter) sweep(now time.Time) {
	if now.Sub(l.swept) < l.every {
		return
	}
	l.swept = now
	for k, e := range l.seen {
		if now.Sub(e.last) >= l.every {
			delete(l.seen, k)
		}
	}
}
