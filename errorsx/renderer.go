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
	"time"

	"github.com/fourxx/fourxx/errorsx/catalog"
)

// Options configure a [Renderer]. The zero value is usable: about:blank
// types, no instance URIs, slog.Default for logs, no hooks.
type Options struct {
	// TypeBase, when set, makes the type of every problem that sets none
	// TypeBase + the catalog slug of its status, e.g.
	// "https://api.example.com/problems/" + "too-many-requests". Serve the
	// reference site there so the URIs resolve (RFC 9457 §3.1.1). The
	// documented 5xx codes (500–504) get one too; other 5xx
	// problems stay about:blank.
	TypeBase string
	// Instance, when set, returns the instance URI of a problem that sets
	// none, e.g. "urn:uuid:" + a request id. Return "" for none.
	Instance func(*http.Request) string
	// Logger receives server errors (level Error, with the cause) and the
	// problems a client caused (level Debug: every 4xx, 501, and a 5xx
	// caused by the client cancelling its request). Nil means
	// slog.Default() at the time of logging.
	Logger *slog.Logger
	// LogEvery bounds how often the same line (same message, status, detail
	// and cause) is logged at Warn or above: at most once per LogEvery. The
	// next line logged after some were held back carries suppressed=N, the
	// number left out. Zero means one second; a negative value logs every
	// line.
	LogEvery time.Duration
	// Map turns an error that is not a *Problem into one, e.g.
	// sql.ErrNoRows into a 404. Return nil to fall through to the default:
	// a *http.MaxBytesError becomes 413, anything else 500.
	Map func(error) *Problem
	// Observe, when set, is called after each problem is written, with what
	// was sent; use it for metrics. It gets a value, never the problem
	// itself, so a problem shared by many requests cannot be changed
	// through it. It must not write to the response.
	Observe func(r *http.Request, o Observation)
	// Strict makes the renderer panic when a problem lacks a header its
	// status requires or has an invalid status, instead of only logging.
	// Turn it on in tests. It also reports a problem that breaks its
	// catalog type (see [OfType]).
	Strict bool
	// Catalog documents the problem types the renderer fills typed problems
	// from ([OfType]) and checks problems against: the standard entries and
	// the team's own. Nil means [catalog.Standard]. A catalog with team types
	// needs a TypeBase.
	Catalog *catalog.Catalog
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
//     no-cache for 405) unless the problem sets its own;
//   - the validators, caching and representation fields earlier code set
//     for the body it meant to send are dropped, so a 429 is never stored
//     and a 500 never cached as the resource (the package doc lists them);
//   - a 5xx body never carries the problem's own detail or cause, unless
//     the detail was marked public: those go to the log;
//   - a response that already started is never written twice: the
//     connection is aborted instead.
//
// A nil *Renderer is usable: every method then uses [Default], looked up at
// the time of the call.
type Renderer struct {
	opts  Options
	heads [200]statusHead      // index status-400, for 400–599
	types map[string]*typeHead // catalog types by slug (typed.go)
	limit *logLimiter
}

// An Observation describes one problem response the renderer wrote.
type Observation struct {
	// Status is the status code sent.
	Status int
	// Type is the type URI written in the body.
	Type string
	// Cause is the problem's cause (see [Problem.WithCause]), or nil.
	Cause error
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
	varyAccept = []string{"Accept"}
	nosniff    = []string{"nosniff"}
)

// NewRenderer returns a Renderer configured by opts.
func NewRenderer(opts Options) *Renderer {
	rd := &Renderer{opts: opts, limit: newLogLimiter(opts.LogEvery)}
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
	rd.prepareTypes()
	return rd
}

var (
	defaultRenderer atomic.Pointer[Renderer]
	// builtinDefault is built on first use, so that importing the package
	// costs nothing (DESIGN.md rule 12).
	builtinDefault = sync.OnceValue(func() *Renderer { return NewRenderer(Options{}) })
)

// Default returns the package-level renderer, the one a nil *Renderer
// stands for. Unless replaced with [SetDefault] it uses zero Options.
func Default() *Renderer {
	if rd := defaultRenderer.Load(); rd != nil {
		return rd
	}
	return builtinDefault()
}

// SetDefault replaces the package-level renderer; a nil rd is ignored. Every
// nil *Renderer, including those already stored in middlewares, uses the
// new one from its next call. Call it once at start-up.
func SetDefault(rd *Renderer) {
	if rd != nil {
		defaultRenderer.Store(rd)
	}
}

// orDefault returns rd, or the default renderer when rd is nil.
func (rd *Renderer) orDefault() *Renderer {
	if rd == nil {
		return Default()
	}
	return rd
}

// Write renders err with the default renderer; see [Renderer.Write].
func Write(w http.ResponseWriter, r *http.Request, err error) { (*Renderer)(nil).Write(w, r, err) }

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
// Before writing, Write removes from w's header map the fields that
// describe a body the handler never sent (see the package doc).
//
// If the response has already started — w, or a writer it wraps (found
// through Unwrap), is a [StartedWriter] that says so — Write writes
// nothing: it logs the problem at Error and panics with
// http.ErrAbortHandler, so that net/http cuts the connection (HTTP/1) or
// resets the stream (HTTP/2) and the client sees a truncated response, not
// one that looks complete. A bare http.ResponseWriter cannot tell whether
// it started; [Renderer.Handler] wraps it so that it can. Call Write on the
// handler's goroutine, where net/http recovers that panic.
func (rd *Renderer) Write(w http.ResponseWriter, r *http.Request, err error) {
	if err == nil {
		return
	}
	rd = rd.orDefault()
	if pp, ok := err.(*Prepared); ok {
		if c := rd.rendered(pp); c.cacheable {
			rd.writePrepared(w, r, pp, c)
			return
		}
	}
	p := rd.problemFor(err)
	status, head := rd.resolveStatus(p)
	if responseStarted(w) {
		rd.logProblem(r, slog.LevelError, "fourxx: response already started; problem not written, connection aborted", status, p)
		panic(http.ErrAbortHandler)
	}
	h := w.Header()
	dropStale(h)
	f := rd.setHeaders(h, r, status, head, p)
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		bp := bufPool.Get().(*[]byte)
		*bp = rd.appendBody((*bp)[:0], f, r, status, head, p)
		_, _ = w.Write(*bp)
		if cap(*bp) <= 64<<10 {
			bufPool.Put(bp)
		}
	}
	rd.written(r, status, head, p)
}

// written logs p, sent with status in answer to r, and reports it to
// Options.Observe. The line is at Debug when the client caused the problem,
// at Error with the cause (and a panic's stack) otherwise. Only the path is
// logged, never the query, which may hold credentials.
func (rd *Renderer) written(r *http.Request, status int, head *statusHead, p *Problem) {
	level, msg := slog.LevelError, "fourxx: server error"
	if clientCaused(r, status, p) {
		level, msg = slog.LevelDebug, "fourxx: client error"
	}
	rd.logProblem(r, level, msg, status, p)
	if rd.opts.Observe != nil {
		rd.observe(r, status, head, p)
	}
}

// observe reports p, sent with status in answer to r, to Options.Observe.
func (rd *Renderer) observe(r *http.Request, status int, head *statusHead, p *Problem) {
	typ, _ := rd.typeAndTitle(head, p)
	rd.opts.Observe(r, Observation{Status: status, Type: typ, Cause: p.Unwrap()})
}

// Render returns what [Renderer.Write] would send for err in answer to r —
// status, header fields and body (empty for HEAD) — without writing, logging
// or calling Observe. Use it to show or store an example response.
func (rd *Renderer) Render(r *http.Request, err error) (status int, header http.Header, body []byte) {
	if err == nil {
		return 0, nil, nil
	}
	rd = rd.orDefault()
	p := rd.problemFor(err)
	status, head := rd.resolveStatus(p)
	header = make(http.Header, len(p.Header)+5)
	f := rd.setHeaders(header, r, status, head, p)
	if r.Method != http.MethodHead {
		body = rd.appendBody(nil, f, r, status, head, p)
	}
	return status, header, body
}

// TypeBase returns the type base URI the renderer was built with ("" for
// about:blank types).
func (rd *Renderer) TypeBase() string { return rd.orDefault().opts.TypeBase }

// setHeaders puts the problem's own fields and the renderer's into h and
// returns the negotiated format, from which the body is written.
func (rd *Renderer) setHeaders(h http.Header, r *http.Request, status int, head *statusHead, p *Problem) format {
	// Nothing to merge with: the common case of a problem with no fields
	// of its own on an untouched response needs no lookups.
	fresh := len(h) == 0 && len(p.Header) == 0
	if len(p.Header) > 0 {
		copyOwnFields(h, p.Header)
	}
	return rd.finishHeaders(h, r, status, head, p, fresh)
}

// copyOwnFields puts a problem's own header fields into h, but those
// describing the body, which is the renderer's.
func copyOwnFields(h, own http.Header) {
	for k, v := range own {
		if k == "Content-Length" || k == "Content-Encoding" {
			continue // the body is the renderer's own
		}
		h[k] = v[:len(v):len(v)] // full: an append (Vary below, later code) copies instead of writing into p
	}
}

// finishHeaders checks h, which holds p's own fields, for the fields
// status requires, adds the renderer's and returns the negotiated format.
// fresh says that h held nothing else.
func (rd *Renderer) finishHeaders(h http.Header, r *http.Request, status int, head *statusHead, p *Problem, fresh bool) format {
	rd.checkRequired(r, status, head, p, h)
	f := negotiate(r.Header["Accept"])
	h["Content-Type"] = contentTypes[f]
	if fresh {
		h["Vary"] = varyAccept
	} else {
		addVaryAccept(h)
	}
	if head.cacheControl != nil && (fresh || len(p.Header["Cache-Control"]) == 0) {
		h["Cache-Control"] = head.cacheControl
	}
	h["X-Content-Type-Options"] = nosniff
	return f
}

// addVaryAccept makes h's Vary list Accept, keeping what it already lists.
func addVaryAccept(h http.Header) {
	switch vary := h["Vary"]; {
	case len(vary) == 0:
		h["Vary"] = varyAccept
	case !hasToken(vary, "Accept"):
		h.Add("Vary", "Accept")
	}
}

// appendBody writes the document in format f.
func (rd *Renderer) appendBody(b []byte, f format, r *http.Request, status int, head *statusHead, p *Problem) []byte {
	if f == formatProblemXML {
		return rd.appendXML(b, r, status, head, p)
	}
	return rd.appendJSON(b, r, status, head, p)
}

// problemFor finds or builds the problem for err. The common case, err a
// *Problem, is small enough to be inlined.
func (rd *Renderer) problemFor(err error) *Problem {
	if p, ok := err.(*Problem); ok {
		return p
	}
	return rd.problemForOther(err)
}

// problemForOther is problemFor for an err that is not itself a *Problem.
func (rd *Renderer) problemForOther(err error) *Problem {
	if pp, ok := err.(*Prepared); ok {
		return pp.p // read only: the renderer never modifies a problem
	}
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	if rd.opts.Map != nil {
		if p := rd.opts.Map(err); p != nil {
			if p.Unwrap() == nil {
				mapped := *p
				return mapped.WithCause(err)
			}
			return p
		}
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return ContentTooLarge(tooLarge.Limit).WithCause(err)
	}
	return InternalServerError(err)
}

// resolveStatus returns the status to send for p. A status outside 400–599
// becomes 500; 418 and unregistered 4xx codes become 400 (RFC 9110 §15: a
// client treats an unknown 4xx as 400); unregistered 5xx codes become 500.
// Each such correction is logged, and panics in Strict mode.
func (rd *Renderer) resolveStatus(p *Problem) (int, *statusHead) {
	if i := uint(p.Status - 400); i < uint(len(rd.heads)) && p.Slug == "" && rd.heads[i].valid {
		return p.Status, &rd.heads[i] // the common case, in a leaf function
	}
	return rd.resolveOther(p)
}

// resolveOther is resolveStatus for a problem of a catalog type or with a
// status the renderer does not send as it is.
func (rd *Renderer) resolveOther(p *Problem) (int, *statusHead) {
	if p.Slug != "" {
		return rd.resolveTyped(p)
	}
	status := p.Status
	fixed := 500
	if status >= 400 && status < 500 {
		fixed = 400
	}
	msg := "fourxx: problem with invalid or unregistered status " + strconv.Itoa(status) + "; sending " + strconv.Itoa(fixed)
	if rd.opts.Strict {
		panic(msg)
	}
	rd.logf(context.Background(), slog.LevelError, msg, logKey{}, slog.Any("error", p))
	return fixed, &rd.heads[fixed-400]
}

// checkRequired reports a header that the catalog requires for status and
// neither the problem nor the response carries, and a problem that breaks
// its catalog type. A problem of no type (neither a slug nor a type URI
// under TypeBase) whose status requires no header, the common case, is
// passed over at once.
func (rd *Renderer) checkRequired(r *http.Request, status int, head *statusHead, p *Problem, h http.Header) {
	if len(head.required) > 0 || p.Slug != "" || p.Type != "" && rd.opts.TypeBase != "" {
		rd.checkFields(r, status, head, p, h)
	}
}

// checkFields is checkRequired for a problem that may break a rule.
func (rd *Renderer) checkFields(r *http.Request, status int, head *statusHead, p *Problem, h http.Header) {
	rd.checkType(r, status, p)
	for _, name := range head.required {
		if len(h[name]) > 0 {
			continue
		}
		msg := "fourxx: " + strconv.Itoa(status) + " problem written without required header " + name
		if rd.opts.Strict {
			panic(msg)
		}
		rd.logf(r.Context(), slog.LevelError, msg, logKey{a: r.URL.Path},
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("error", p))
	}
}

// typeAndTitle returns the type URI and title to write for p.
func (rd *Renderer) typeAndTitle(head *statusHead, p *Problem) (typ, title string) {
	typ, title = head.typ, head.title
	if p.Type != "" && p.Type != "about:blank" {
		typ = p.Type
		if p.Title != "" {
			title = p.Title
		}
	} else if p.Type == "about:blank" {
		typ = "about:blank"
	}
	return typ, title
}

// view returns the type, title, detail and instance to write for p.
func (rd *Renderer) view(r *http.Request, status int, head *statusHead, p *Problem) (typ, title, detail, instance string) {
	typ, title = rd.typeAndTitle(head, p)
	detail = p.Detail
	if status >= 500 && !p.detailIsPublic() {
		detail = genericDetail(status)
	}
	instance = p.Instance
	if instance == "" && rd.opts.Instance != nil {
		instance = rd.opts.Instance(r)
	}
	return typ, title, detail, instance
}
