package middleware

import (
	"bytes"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/httpsyntax"
	"github.com/fourxx/fourxx/internal/methods"
)

// NormalizeOptions configure [Normalize].
type NormalizeOptions struct {
	// Renderer writes the problems; nil means errorsx.Default().
	Renderer *errorsx.Renderer
	// Known lists every method the server implements, as in
	// [MethodsOptions]; nil means the RFC 9110 methods plus PATCH. A 404 or
	// 405 answered to a method outside Known becomes 501 Not Implemented,
	// since routers such as http.ServeMux have no notion of an unknown
	// method (RFC 9110 §9.1).
	Known []string
	// OmitText stops the handler's own error text from becoming the
	// problem's detail.
	OmitText bool
	// Challenge is the WWW-Authenticate field value sent with a 401 whose
	// handler set none, since a 401 must carry one (RFC 9110 §11.6.1).
	// Empty means "Bearer". Set it to the challenge of your authentication,
	// e.g. `Bearer realm="api"`; Normalize panics if it is not one.
	Challenge string
	// Route names the route of a request for the warnings, which are
	// logged once per route and status. It is called after the handler
	// returns and must name routes from the router's own table, never from
	// request data, so that the warnings' memory stays bounded. Nil means
	// the request's Pattern, which http.ServeMux sets; middleware/chix
	// passes chi's route pattern.
	Route func(*http.Request) string
	// Logger receives the warnings about responses the handler got wrong (a
	// 401 without WWW-Authenticate, an unregistered status); nil means
	// slog.Default(). Problems themselves are logged by the Renderer.
	Logger *slog.Logger
}

// Normalize returns a middleware that turns the error responses of the next
// handler — an http.ServeMux, a legacy API built on http.Error — into
// problems written by the renderer. One line standardizes an existing API:
//
//	handler := middleware.Normalize(middleware.NormalizeOptions{})(mux)
//
// A response is converted when its status is 400 or more and its
// Content-Type is absent or text (text/plain, text/html …). Every other
// response — success, redirects, and errors whose body is already
// structured (problem+json, problem+xml, JSON, XML …, including the
// application/json fallback of the renderer itself) — streams through
// untouched and unbuffered.
//
// The status is kept, with these exceptions. A 404 or 405 for a method the
// server does not know becomes 501 (see Known); a 405 to OPTIONS becomes
// 204 with the handler's Allow field, as [Methods] answers. A status that
// is unregistered or unused, 418 included, becomes the x00 code of its
// class (400 or 500), as RFC 9110 §15 tells a client to read it, and is
// logged as a warning. Header fields the handler set about the exchange are
// kept (Allow from ServeMux's 405, WWW-Authenticate, Retry-After, Vary …);
// those that described its body (Content-Type, Content-Length, validators,
// Cache-Control …) go, as the renderer drops them from every problem. A 401
// without WWW-Authenticate gets Challenge, and a warning.
//
// The detail of a 4xx follows one rule: plain text is kept, markup never is.
// A text/plain (or untyped) body is cleaned (valid UTF-8, control
// characters removed, white space collapsed) and becomes the detail,
// shortened at a word boundary with "…" when longer than 200 bytes. A body
// of another text type (text/html …), one holding markup tags, one that
// only repeats the reason phrase, an empty one, or any body with OmitText
// set gives the detail of the status sent instead: for 404 that of
// [NotFound] (errorsx.NotFoundDetail), otherwise the catalog's one-line
// summary. A 5xx never sends its text: the first 512 bytes, control
// characters escaped, go into the log line of the problem as its cause.
//
// A converted response is sent when the handler returns, or earlier when the
// handler flushes it: a flush commits the problem at once, and whatever the
// handler writes after that is discarded. Flush, Hijack, io.ReaderFrom and
// http.ResponseController keep working through the wrapper.
//
// Warnings are logged once per route (see Route) and status, then at most
// once a minute.
//
// The wrapper costs one allocation per request, none right behind a
// [Recover], whose own allocation holds it.
func Normalize(opts NormalizeOptions) func(http.Handler) http.Handler {
	return newNormalizer(opts, time.Now).middleware
}

// normalizer holds what a Normalize middleware prepared at construction.
type normalizer struct {
	opts      NormalizeOptions
	set       *methods.Set
	challenge http.Header // the WWW-Authenticate field given to a 401 that lacks one
	summaries [100]string // detail of a 4xx without usable text, index status-400
	warnings  warnings
}

// newNormalizer prepares a Normalize middleware whose warnings read the
// clock now.
func newNormalizer(opts NormalizeOptions, now func() time.Time) *normalizer {
	n := &normalizer{opts: opts, set: newMethodSet("Known", opts.Known), challenge: http.Header{wwwAuthenticate: {"Bearer"}}}
	if opts.Challenge != "" {
		if !isChallenge(opts.Challenge) {
			panic("middleware: Challenge: not a WWW-Authenticate challenge: " + strconv.Quote(opts.Challenge))
		}
		n.challenge[wwwAuthenticate][0] = opts.Challenge
	}
	for status := 400; status < 500; status++ {
		n.summaries[status-400] = errorsx.Summary(status)
	}
	n.summaries[http.StatusNotFound-400] = errorsx.NotFoundDetail
	n.warnings = warnings{logger: opts.Logger, now: now, route: opts.Route}
	if n.warnings.route == nil {
		n.warnings.route = func(r *http.Request) string { return r.Pattern }
	}
	return n
}

func (n *normalizer) middleware(next http.Handler) http.Handler {
	return &normalizeHandler{n: n, next: next}
}

// normalizeHandler is the handler Normalize returns. [Recover] recognizes it
// as its next handler and lends it the room for its wrapper.
type normalizeHandler struct {
	n    *normalizer
	next http.Handler
}

func (h *normalizeHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.serve(new(normalizeWriter), w, r)
}

// serve answers r with the next handler writing to nw, which it makes the
// wrapper of w.
func (h *normalizeHandler) serve(nw *normalizeWriter, w http.ResponseWriter, r *http.Request) {
	*nw = normalizeWriter{n: h.n, r: r}
	nw.Reset(w)
	h.next.ServeHTTP(nw, r)
	nw.commit()
}

// convert answers r in place of the held error response described by held.
// The fields that described the handler's body go first: the renderer
// replaces them on a problem, and a 204 has no body to describe.
func (n *normalizer) convert(w http.ResponseWriter, r *http.Request, held heldBody) {
	h := w.Header()
	for _, name := range []string{"Content-Type", "Content-Length", "Content-Encoding", "X-Content-Type-Options"} {
		delete(h, name)
	}
	if p := n.problem(w, r, held); p != nil {
		n.opts.Renderer.Write(w, r, p)
	}
}

// problem returns the problem that replaces the held response, or nil when
// the method rules answered with a 204 already written to w.
func (n *normalizer) problem(w http.ResponseWriter, r *http.Request, held heldBody) *errorsx.Problem {
	h, status := w.Header(), held.status
	if (status == http.StatusNotFound || status == http.StatusMethodNotAllowed) && !n.set.Knows(r.Method) {
		return errorsx.NotImplemented(r.Method)
	}
	if status == http.StatusMethodNotAllowed && len(h["Allow"]) > 0 {
		allowed := splitList(h["Allow"])
		if n.set.Answer(w, r, methods.NewAllow(allowed)) == methods.Answered {
			return nil
		}
		p := errorsx.MethodNotAllowed(r.Method, allowed...)
		if d := n.detail(status, held); d != "" {
			p.Detail = d
		}
		return p
	}
	sent := classStatus(status)
	if sent != status {
		n.warnings.warn(r, status, "fourxx: handler sent an unregistered or unused status; sending the x00 code of its class",
			slog.Int("sent", sent))
	}
	p := errorsx.New(sent, "")
	if sent < 500 {
		p.Detail = n.detail(status, held)
		if p.Detail == "" {
			p.Detail = n.summaries[sent-400] // an empty or unusable body still gets a sentence to act on
		}
	} else if text := bytes.TrimRight(held.text, " \t\r\n"); len(text) > 0 {
		p = p.WithCause(legacyText(escapeForLog(text, held.cut)))
	}
	if sent == http.StatusUnauthorized && len(h[wwwAuthenticate]) == 0 {
		n.warnings.warn(r, sent, "fourxx: handler sent 401 without WWW-Authenticate; adding NormalizeOptions.Challenge",
			slog.String("challenge", n.challenge[wwwAuthenticate][0]))
		p.Header = n.challenge
	}
	return p
}

// detail returns the detail a held 4xx body gives, or "" when it gives none.
func (n *normalizer) detail(status int, held heldBody) string {
	if n.opts.OmitText || !held.plain {
		return ""
	}
	return detailFromText(status, held.text, held.cut)
}

// isChallenge reports whether s looks like one challenge of RFC 9110
// §11.6.1: an auth-scheme token, then optional parameters, and no control
// characters.
func isChallenge(s string) bool {
	scheme, _, _ := strings.Cut(s, " ")
	return httpsyntax.IsToken(scheme) && strings.IndexFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) < 0
}

// classStatus returns status when it is a registered code that may be sent,
// else the x00 code of its class: 400 for a 4xx (418 included), 500 for
// anything else.
func classStatus(status int) int {
	switch {
	case status == http.StatusTeapot:
		return http.StatusBadRequest
	case errorsx.ReasonPhrase(status) != "" && status < 600:
		return status
	case status < 500:
		return http.StatusBadRequest
	default:
		return http.StatusInternalServerError
	}
}

// wwwAuthenticate is the canonical key of the WWW-Authenticate field.
const wwwAuthenticate = "Www-Authenticate"

// legacyText is the text a handler wrote into a 5xx body, kept as the
// problem's cause so it reaches the log and never the client.
type legacyText string

func (t legacyText) Error() string { return "handler wrote: " + string(t) }

// converts reports whether an error response with Content-Type ct is turned
// into a problem: no type, or a text type.
func converts(ct []string) bool {
	if len(ct) == 0 {
		return true
	}
	mt := mediaType(ct[0])
	return mt == "" || (len(mt) >= 5 && strings.EqualFold(mt[:5], "text/"))
}

// isPlainText reports whether a body of Content-Type ct may serve as a
// detail: no type, or text/plain.
func isPlainText(ct []string) bool {
	return len(ct) == 0 || mediaType(ct[0]) == "" || strings.EqualFold(mediaType(ct[0]), "text/plain")
}

// mediaType returns the media type part of a Content-Type value.
func mediaType(ct string) string {
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return strings.TrimSpace(ct)
}

// splitList splits comma-separated field lines into trimmed, non-empty
// elements.
func splitList(lines []string) []string {
	var out []string
	for _, line := range lines {
		for part := range strings.SplitSeq(line, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// reasonOnly reports whether s says nothing but the status's reason phrase,
// optionally after the number ("404 page not found" included).
func reasonOnly(status int, s string) bool {
	bare := strings.TrimPrefix(s, strconv.Itoa(status)+" ")
	return strings.EqualFold(bare, http.StatusText(status)) || strings.EqualFold(bare, errorsx.ReasonPhrase(status)) ||
		(status == http.StatusNotFound && strings.EqualFold(bare, "page not found"))
}
