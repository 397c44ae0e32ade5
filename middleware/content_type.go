package middleware

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/fourxx/fourxx/errorsx"
)

// ContentTypeOptions configure [ContentType].
type ContentTypeOptions struct {
	// Renderer writes the 415 problems; nil means errorsx.Default().
	Renderer *errorsx.Renderer
	// Accept lists the media types a request body may have, e.g.
	// "application/json". At least one is required. Parameters are ignored.
	Accept []string
	// Encodings lists the content codings a request body may carry, e.g.
	// "gzip" (the handler must then decode it). "identity" is always
	// accepted. Nil accepts no coding.
	Encodings []string
}

// ContentType returns a middleware that checks the body of every request
// that has one (a Content-Length above 0, or chunked):
//
//   - each coding in Content-Encoding must be in opts.Encodings (or be
//     "identity"), otherwise 415 with Accept-Encoding listing the accepted
//     codings, empty when there are none (RFC 9110 §15.5.16);
//   - Content-Type must be present and name one of opts.Accept, otherwise
//     415 with Accept listing them.
//
// Media types compare as mime.ParseMediaType reads them — case-insensitive,
// parameters ignored, so "Application/JSON; charset=UTF-8" matches
// "application/json" — without its allocation. Requests without a body pass
// untouched.
//
// ContentType panics if Accept is empty or holds an invalid media type.
func ContentType(opts ContentTypeOptions) func(http.Handler) http.Handler {
	if len(opts.Accept) == 0 {
		panic("middleware: Accept: ContentType needs at least one accepted media type")
	}
	accept := make([]string, len(opts.Accept))
	for i, t := range opts.Accept {
		mt, _, err := mime.ParseMediaType(t)
		if err != nil || !strings.Contains(mt, "/") || strings.Contains(mt, "*") {
			panic("middleware: Accept: invalid media type " + strconv.Quote(t))
		}
		accept[i] = mt
	}
	acceptList := strings.Join(accept, ", ")
	encodingList := strings.Join(opts.Encodings, ", ")
	untyped := errorsx.UnsupportedMediaType("The request body must have a Content-Type of "+acceptList+".", accept...)
	// The refusals that quote the request get their detail per request; the
	// rest, header fields included, is prepared here.
	badType := errorsx.UnsupportedMediaType("", accept...)
	badCoding := errorsx.New(http.StatusUnsupportedMediaType, "").WithHeader("Accept-Encoding", encodingList)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength == 0 {
				next.ServeHTTP(w, r)
				return
			}
			if coding, ok := unacceptedCoding(r.Header["Content-Encoding"], opts.Encodings); !ok {
				opts.Renderer.Write(w, r, withDetail(badCoding,
					"The content coding \""+shortPrintable(coding)+"\" is not supported; send the body uncompressed or in an accepted coding."))
				return
			}
			ct := firstLine(r.Header["Content-Type"])
			if !hasMediaType(accept, ct) {
				p := untyped
				if ct != "" {
					p = withDetail(badType, "The media type \""+shortPrintable(ct)+"\" is not supported; send "+acceptList+".")
				}
				opts.Renderer.Write(w, r, p)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// hasMediaType reports whether the media type of the Content-Type value ct
// (before any ';', without surrounding white space) is one of accepted,
// case-insensitively.
func hasMediaType(accepted []string, ct string) bool {
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	ct = strings.TrimSpace(ct)
	for _, a := range accepted {
		if strings.EqualFold(a, ct) {
			return true
		}
	}
	return false
}

// firstLine returns the first of a field's lines, or "".
func firstLine(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return lines[0]
}

// unacceptedCoding returns the first coding in the Content-Encoding field
// lines that is neither identity nor in accepted, and false; or "", true
// when every coding is accepted.
func unacceptedCoding(lines, accepted []string) (string, bool) {
	for _, line := range lines {
		for line != "" {
			var coding string
			coding, line, _ = strings.Cut(line, ",")
			coding = strings.TrimSpace(coding)
			if coding == "" || strings.EqualFold(coding, "identity") || containsFold(accepted, coding) {
				continue
			}
			return coding, false
		}
	}
	return "", true
}

// containsFold reports whether list holds s, ignoring case.
func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// withDetail returns a copy of the prepared problem p with detail. The copy
// shares p's header fields, which the renderer only reads.
func withDetail(p *errorsx.Problem, detail string) *errorsx.Problem {
	c := *p
	c.Detail = detail
	return &c
}

// shortPrintable prepares a client-supplied value for quoting in a detail:
// control characters and quotes dropped, cut to 64 bytes so a huge header
// is not echoed back whole. A short printable value is returned as it is.
func shortPrintable(s string) string {
	const limit = 64
	if len(s) > limit {
		return strings.Map(printableOnly, s[:limit]) + "…"
	}
	return strings.Map(printableOnly, s)
}

// printableOnly drops control characters and quotes.
func printableOnly(r rune) rune {
	if r < 0x20 || r == 0x7f || r == '"' || r == '\\' {
		return -1
	}
	return r
}
