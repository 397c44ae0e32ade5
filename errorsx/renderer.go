package errorsx

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/textproto"
	"strconv"
	"sync"
	"sync/atomic"
)

// Options configure a [Renderer]. The zero value is usable: about:blank
// types, no instance URIs, slog.Default for logs, no hooks.
type Options struct {
	// TypeBase, when set, makes the type of every problem that sets none
	// TypeBase + the catalog slug of its status, e.g.
	// "https://api.example.com/problems/" + "too-many-requests". Serve the
	// reference site there so the URIs resolve (RFC 9457 §3.1.1). The
	// documented 5xx codes ([ServerCodes]: 500–504) get one too; other 5xx
	// problems stay about:blank.
	TypeBase string
	// Instance, when set, returns the instance URI of a problem that sets
	// none, e.g. "urn:uuid:" + a request id. Return "" for none.
	Instance func(*http.Request) string
	// Logger receives server errors (level Error, with the cause) and client
	// errors (level Debug). Nil means slog.Default() at the time of logging.
	Logger *slog.Logger
	// Map turns an error that is not a *Problem into one, e.g.
	// sql.ErrNoRows into a 404. Return nil to fall through to the default:
	// a *http.MaxBytesError becomes 413, anything else 500.
	Map func(error) *Problem
	// Observe, when set, is called after each problem is written, with the
	// status actually sent; use it for metrics. It must not write to w.
	Observe func(r *http.Request, status int, p *Problem)
	// Strict makes the renderer panic when a problem lacks a header its
	// status requires or has an invalid status, instead of only logging.
	// Turn it on in tests.
	Strict bool
}

// A Renderer writes problems as HTTP responses. Build one per application
// with [NewRenderer] and share it; it is safe for concurrent use. Its
// guarantees:
//
//   - the status line and the body's "status" are the same;
//   - the media type is application/problem+json without parameters, or
//     application/problem+xml when the client prefers it, or
//     application/json for a client that accepts JSON but not
//     problem+json — never 406, and never an empty body except for HEAD;
//   - Vary: Accept and X-Content-Type-Options: nosniff are always sent, and
//     the catalog's Cache-Control (no-store for 401, 403, 428, 429, 431;
//     no-cache for 405) unless the problem sets its own — it replaces one
//     that earlier code left on the response, so a 429 is never stored;
//   - a 5xx body never carries the problem's own detail or cause: those go
//     to the log.
type Renderer struct {
	opts  Options
	heads [200]statusHead // index status-400, for 400–599
}

// statusHead is everything about one status that can be prepared once.
type statusHead struct {
	valid        bool
	typ, title   string
	jsonPrefix   []byte   // {"type":…,"title":…,"status":NNN
	cacheControl []string // shared, never modified
	required     []string // canonical header names
}

var (
	ctProblemJSON = []string{"application/problem+json"}
	ctProblemXML  = []string{"application/problem+xml"}
	ctJSON        = []string{"application/json"}
	varyAccept    = []string{"Accept"}
	nosniff       = []string{"nosniff"}
)

// NewRenderer returns a Renderer configured by opts.
func NewRenderer(opts Options) *Renderer {
	rd := &Renderer{opts: opts}
	for status := 400; status < 600; status++ {
		h := &rd.heads[status-400]
		title := ReasonPhrase(status)
		if title == "" || status == 418 {
			continue
		}
		h.valid = true
		h.title = title
		h.typ = "about:blank"
		if c := documented(status); c != nil {
			if opts.TypeBase != "" {
				h.typ = opts.TypeBase + c.Slug
			}
			if c.CacheControl != "" {
				h.cacheControl = []string{c.CacheControl}
			}
			for _, name := range c.RequiredHeaders {
				h.required = append(h.required, textproto.CanonicalMIMEHeaderKey(name))
			}
		}
		h.jsonPrefix = appendPrefix(nil, h.typ, h.title, status)
	}
	return rd
}

var defaultRenderer atomic.Pointer[Renderer]

func init() { defaultRenderer.Store(NewRenderer(Options{})) }

// Default returns the package-level renderer used by middlewares that are
// given none. Unless replaced with [SetDefault] it uses zero Options.
func Default() *Renderer { return defaultRenderer.Load() }

// SetDefault replaces the package-level renderer. Call it once at start-up.
func SetDefault(rd *Renderer) {
	if rd != nil {
		defaultRenderer.Store(rd)
	}
}

// Write renders err with the default renderer; see [Renderer.Write].
func Write(w http.ResponseWriter, r *http.Request, err error) { Default().Write(w, r, err) }

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// Write renders err as the response to r. A *Problem anywhere in err's chain
// is written as it is; any other error goes through Options.Map, then the
// defaults (a *http.MaxBytesError becomes 413, anything else 500 with err
// logged as the cause). A nil err writes nothing.
//
// Write never modifies a *Problem it is given, so one prepared problem may be
// written for many requests at once. That holds for a problem returned by
// Options.Map too: when it has no cause, a copy with err as its cause is
// written and logged, so Map may return one shared problem.
//
// If w, or a writer it wraps (found through Unwrap() http.ResponseWriter),
// has a method ResponseStarted() bool that reports true, the response has
// already begun: nothing is written and the problem is logged instead.
func (rd *Renderer) Write(w http.ResponseWriter, r *http.Request, err error) {
	if err == nil {
		return
	}
	p := rd.problemFor(err)
	status, head := rd.resolveStatus(p)
	if responseStarted(w) {
		rd.logger().LogAttrs(r.Context(), slog.LevelError, "fourxx: response already started; problem not written",
			slog.Int("status", status), slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("error", p))
		return
	}
	rd.setHeaders(w.Header(), r, status, head, p)
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		bp := bufPool.Get().(*[]byte)
		*bp = rd.appendBody((*bp)[:0], w.Header(), r, status, head, p)
		_, _ = w.Write(*bp)
		if cap(*bp) <= 64<<10 {
			bufPool.Put(bp)
		}
	}
	rd.log(r, status, p)
	if rd.opts.Observe != nil {
		rd.opts.Observe(r, status, p)
	}
}

// Render returns what [Renderer.Write] would send for err in answer to r —
// status, header fields and body (empty for HEAD) — without writing, logging
// or calling Observe. Use it to show or store an example response.
func (rd *Renderer) Render(r *http.Request, err error) (status int, header http.Header, body []byte) {
	if err == nil {
		return 0, nil, nil
	}
	p := rd.problemFor(err)
	status, head := rd.resolveStatus(p)
	header = make(http.Header, len(p.Header)+5)
	rd.setHeaders(header, r, status, head, p)
	if r.Method != http.MethodHead {
		body = rd.appendBody(nil, header, r, status, head, p)
	}
	return status, header, body
}

// TypeBase returns the type base URI the renderer was built with ("" for
// about:blank types).
func (rd *Renderer) TypeBase() string { return rd.opts.TypeBase }

// setHeaders puts the problem's own fields and the renderer's into h.
func (rd *Renderer) setHeaders(h http.Header, r *http.Request, status int, head *statusHead, p *Problem) {
	for k, v := range p.Header {
		h[k] = v[:len(v):len(v)] // full: an append (Vary below, later code) copies instead of writing into p
	}
	rd.checkRequired(r, status, head, p, h)
	// The body is the renderer's own: a length or coding a handler set for
	// the content it meant to send would make clients misread it. (A
	// compressing writer sets its coding when the header is written.)
	delete(h, "Content-Length")
	delete(h, "Content-Encoding")
	h["Content-Type"] = negotiate(r.Header["Accept"])
	if vary := h["Vary"]; len(vary) == 0 {
		h["Vary"] = varyAccept
	} else if !hasToken(vary, "Accept") {
		h.Add("Vary", "Accept")
	}
	if head.cacheControl != nil && len(p.Header["Cache-Control"]) == 0 {
		h["Cache-Control"] = head.cacheControl
	}
	h["X-Content-Type-Options"] = nosniff
}

// appendBody writes the document in the media type setHeaders chose.
func (rd *Renderer) appendBody(b []byte, h http.Header, r *http.Request, status int, head *statusHead, p *Problem) []byte {
	if ct := h["Content-Type"]; len(ct) > 0 && &ct[0] == &ctProblemXML[0] {
		return rd.appendXML(b, r, status, head, p)
	}
	return rd.appendJSON(b, r, status, head, p)
}

// problemFor finds or builds the problem for err.
func (rd *Renderer) problemFor(err error) *Problem {
	if p, ok := err.(*Problem); ok {
		return p
	}
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	if rd.opts.Map != nil {
		if p := rd.opts.Map(err); p != nil {
			if p.cause == nil {
				mapped := *p
				mapped.cause = err
				return &mapped
			}
			return p
		}
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return ContentTooLarge(tooLarge.Limit).WithCause(err)
	}
	return Internal(err)
}

// resolveStatus returns the status to send for p. A status outside 400–599
// becomes 500; 418 and unregistered 4xx codes become 400 (RFC 9110 §15: a
// client treats an unknown 4xx as 400); unregistered 5xx codes become 500.
// Each such correction is logged, and panics in Strict mode.
func (rd *Renderer) resolveStatus(p *Problem) (int, *statusHead) {
	status := p.Status
	if status >= 400 && status < 600 && rd.heads[status-400].valid {
		return status, &rd.heads[status-400]
	}
	fixed := 500
	if status >= 400 && status < 500 {
		fixed = 400
	}
	msg := "fourxx: problem with invalid or unregistered status " + strconv.Itoa(status) + "; sending " + strconv.Itoa(fixed)
	if rd.opts.Strict {
		panic(msg)
	}
	rd.logger().LogAttrs(context.Background(), slog.LevelError, msg, slog.Any("error", p))
	return fixed, &rd.heads[fixed-400]
}

// checkRequired reports a header that the catalog requires for status and
// neither the problem nor the response carries.
func (rd *Renderer) checkRequired(r *http.Request, status int, head *statusHead, p *Problem, h http.Header) {
	for _, name := range head.required {
		if len(h[name]) > 0 {
			continue
		}
		msg := "fourxx: " + strconv.Itoa(status) + " problem written without required header " + name
		if rd.opts.Strict {
			panic(msg)
		}
		rd.logger().LogAttrs(r.Context(), slog.LevelError, msg,
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("error", p))
	}
}

// view returns the type, title, detail and instance to write for p.
func (rd *Renderer) view(r *http.Request, status int, head *statusHead, p *Problem) (typ, title, detail, instance string) {
	typ, title = head.typ, head.title
	if p.Type != "" && p.Type != "about:blank" {
		typ = p.Type
		if p.Title != "" {
			title = p.Title
		}
	} else if p.Type == "about:blank" {
		typ = "about:blank"
	}
	detail = p.Detail
	if status >= 500 && !p.publicDetail {
		detail = genericDetail(status)
	}
	instance = p.Instance
	if instance == "" && rd.opts.Instance != nil {
		instance = rd.opts.Instance(r)
	}
	return typ, title, detail, instance
}

func (rd *Renderer) logger() *slog.Logger {
	if rd.opts.Logger != nil {
		return rd.opts.Logger
	}
	return slog.Default()
}

// log records a written problem: 5xx at Error with the cause, 4xx at Debug.
// Only the path is logged, never the query, which may hold credentials.
func (rd *Renderer) log(r *http.Request, status int, p *Problem) {
	l := rd.logger()
	level := slog.LevelDebug
	if status >= 500 {
		level = slog.LevelError
	}
	ctx := r.Context()
	if !l.Enabled(ctx, level) {
		return
	}
	attrs := []slog.Attr{slog.Int("status", status), slog.String("method", r.Method), slog.String("path", r.URL.Path)}
	if p.Detail != "" {
		attrs = append(attrs, slog.String("detail", p.Detail))
	}
	if p.cause != nil {
		attrs = append(attrs, slog.String("cause", p.cause.Error()))
	}
	msg := "fourxx: client error"
	if status >= 500 {
		msg = "fourxx: server error"
	}
	l.LogAttrs(ctx, level, msg, attrs...)
}

// responseStarted reports whether w or a writer it wraps says the response
// has begun.
func responseStarted(w http.ResponseWriter) bool {
	for {
		switch t := w.(type) {
		case interface{ ResponseStarted() bool }:
			return t.ResponseStarted()
		case interface{ Unwrap() http.ResponseWriter }:
			w = t.Unwrap()
		default:
			return false
		}
	}
}
