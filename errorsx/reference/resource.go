package reference

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// A resource is one representation, ready to send: its bytes and the header
// values that describe them, prepared once.
type resource struct {
	body          []byte
	contentType   []string
	contentLength []string
	etag          []string // one strong entity-tag, quoted
	html          bool     // sent with the HTML security headers
}

// newResource prepares body for sending with the given media type. Its ETag
// is a hash of the bytes, so it changes exactly when the content does.
func newResource(contentType string, body []byte) *resource {
	sum := sha256.Sum256(body)
	return &resource{
		body:          body,
		contentType:   []string{contentType},
		contentLength: []string{strconv.Itoa(len(body))},
		etag:          []string{`"` + hex.EncodeToString(sum[:16]) + `"`},
		html:          strings.HasPrefix(contentType, "text/html"),
	}
}

// Header values shared by every response of the site; never modified.
var (
	cacheControl = []string{"public, max-age=300"}
	varyAccept   = []string{"Accept"}
	nosniff      = []string{"nosniff"}
	// contentSecurityPolicy allows the page to load only the site's own
	// stylesheet and script, to fetch only from the site, and to submit the
	// search form only to it.
	contentSecurityPolicy = []string{"default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"}
	referrerPolicy        = []string{"same-origin"}
)

// serve writes res, or 304 Not Modified when the request's validators match
// it (RFC 9110 §13.1.2, §13.1.3). HEAD gets the same header fields as GET and
// no content.
func (s *site) serve(w http.ResponseWriter, r *http.Request, res *resource) {
	h := w.Header()
	h["Etag"] = res.etag
	h["Last-Modified"] = s.lastModified
	h["Cache-Control"] = cacheControl
	h["Vary"] = varyAccept
	h["X-Content-Type-Options"] = nosniff
	if res.html {
		h["Content-Security-Policy"] = contentSecurityPolicy
		h["Referrer-Policy"] = referrerPolicy
	}
	if notModified(r, res.etag[0], s.modTime) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h["Content-Type"] = res.contentType
	h["Content-Length"] = res.contentLength
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(res.body)
	}
}

// notModified evaluates If-None-Match, or, when the request has none,
// If-Modified-Since, against the representation's entity-tag and
// modification time (whole seconds).
func notModified(r *http.Request, etag string, modTime time.Time) bool {
	if lines := r.Header["If-None-Match"]; len(lines) > 0 {
		return etagListMatches(lines, etag)
	}
	since := r.Header.Get("If-Modified-Since")
	if since == "" {
		return false
	}
	t, err := http.ParseTime(since)
	return err == nil && !modTime.After(t)
}

// etagListMatches reports whether an If-None-Match field lists etag, by the
// weak comparison RFC 9110 §13.1.2 prescribes, or is "*".
func etagListMatches(lines []string, etag string) bool {
	for _, line := range lines {
		for tag := range strings.SplitSeq(line, ",") {
			tag = strings.TrimSpace(tag)
			if tag == "*" || strings.TrimPrefix(tag, "W/") == etag {
				return true
			}
		}
	}
	return false
}
