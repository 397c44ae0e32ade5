package middleware

import (
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/fourxx/fourxx/errorsx"
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
}

// maxDetailBytes is the longest handler text used as a detail; longer text
// is likely a dump rather than a message and is dropped.
const maxDetailBytes = 200

// Normalize returns a middleware that turns the error responses of the next
// handler — an http.ServeMux, a legacy API built on http.Error — into
// problems written by the renderer. One line standardizes an existing API:
//
//	handler := middleware.Normalize(middleware.NormalizeOptions{})(mux)
//
// A response is converted when its status is 400 or more and its
// Content-Type is absent or text (text/plain, text/html …). Its status is
// kept (a 404 or 405 for an unknown method becomes 501, see Known; an
// unregistered code becomes 400 or 500 as the renderer documents), and so
// are the header fields the handler set (Allow from ServeMux's 405,
// WWW-Authenticate, Retry-After, Cache-Control …), except Content-Type,
// Content-Length, Content-Encoding and X-Content-Type-Options, which the
// renderer sets anew, and Cache-Control on the codes whose caching the
// catalog fixes (no-store on 401, 403, 428, 429, 431; no-cache on 405).
// For a 4xx, a short plain-text body (at most 200 bytes, control characters
// removed, not a mere repetition of the reason phrase) becomes the detail
// unless OmitText is set; otherwise the detail is the catalog's one-line
// summary of the status. A 5xx never passes its text on.
//
// Every other response — success, redirects, and errors whose body is
// already structured (problem+json, problem+xml, JSON, XML …, including the
// application/json fallback of the renderer itself) — streams through
// untouched and unbuffered. Only the first 201 bytes of a converted body
// are kept; the rest is discarded.
//
// A converted response is sent when the handler returns, or earlier when the
// handler flushes it: a flush commits the problem at once, and whatever the
// handler writes after that is discarded. Flush, Hijack, io.ReaderFrom and
// http.ResponseController keep working through the wrapper.
//
// The wrapper costs one allocation per request.
func Normalize(opts NormalizeOptions) func(http.Handler) http.Handler {
	n := &normalizer{opts: opts, methods: newMethodSet(opts.Known)}
	for _, c := range errorsx.Codes() {
		n.summaries[c.Status-400] = c.Summary
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			nw := &normalizeWriter{n: n, r: r}
			nw.Reset(w)
			next.ServeHTTP(nw, r)
			nw.commit()
		})
	}
}

// normalizer holds what a Normalize middleware prepared at construction.
type normalizer struct {
	opts      NormalizeOptions
	methods   methodSet
	summaries [100]string // catalog summary per 4xx status, index status-400
}

// problem builds the problem that replaces a held error response; text is
// the detail taken from the handler's body, or "".
func (n *normalizer) problem(r *http.Request, h http.Header, status int, text string) *errorsx.Problem {
	switch {
	case (status == http.StatusNotFound || status == http.StatusMethodNotAllowed) && !n.methods.knows(r.Method):
		return errorsx.NotImplemented(r.Method)
	case status == http.StatusMethodNotAllowed && len(h["Allow"]) > 0:
		p := errorsx.MethodNotAllowed(r.Method, splitList(h["Allow"])...)
		if text != "" {
			p.Detail = text
		}
		return p
	default:
		if text == "" && status >= 400 && status < 500 {
			text = n.summaries[status-400] // an empty or unusable body still gets a sentence to act on
		}
		return errorsx.New(status, text)
	}
}

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

// detailFromText turns a handler's error text into a detail: valid UTF-8,
// control characters replaced by spaces, white space collapsed. It returns
// "" for text that is too long or only repeats the status.
func detailFromText(status int, text []byte) string {
	if len(text) > maxDetailBytes {
		return ""
	}
	s := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(string(text), " "))
	s = strings.Join(strings.Fields(s), " ")
	bare := strings.TrimPrefix(s, strconv.Itoa(status)+" ")
	if strings.EqualFold(bare, http.StatusText(status)) || strings.EqualFold(bare, errorsx.ReasonPhrase(status)) ||
		(status == http.StatusNotFound && strings.EqualFold(bare, "page not found")) {
		return ""
	}
	return s
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
