package validate

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/fourxx/fourxx/errorsx"
)

// acceptedMediaType is what a 415 response's Accept field offers.
const acceptedMediaType = "application/json"

// jsonMediaType reports whether a Content-Type value names JSON:
// application/json or any application/*+json, in any letter case, with at
// most a charset parameter of UTF-8. ok is false for other types; utf8 is
// false when a charset other than UTF-8 is given.
func jsonMediaType(ct string) (ok, utf8 bool) {
	typ, params, _ := strings.Cut(ct, ";")
	typ = strings.TrimSpace(typ)
	main, sub, found := strings.Cut(typ, "/")
	if !found || !strings.EqualFold(main, "application") {
		return false, false
	}
	if !strings.EqualFold(sub, "json") && !(len(sub) > 5 && strings.EqualFold(sub[len(sub)-5:], "+json")) {
		return false, false
	}
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		name, value, _ := strings.Cut(p, "=")
		if !strings.EqualFold(strings.TrimSpace(name), "charset") {
			continue
		}
		value = strings.Trim(strings.TrimSpace(value), `"`)
		if !strings.EqualFold(value, "utf-8") && !strings.EqualFold(value, "utf8") {
			return true, false
		}
	}
	return true, true
}

// checkHeaders answers 415 for a body that is not identity-coded UTF-8 JSON.
func checkHeaders(r *http.Request) *errorsx.Problem {
	if ce := r.Header.Get("Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		return errorsx.UnsupportedMediaType("The request body must not be compressed; send it without Content-Encoding.",
			acceptedMediaType).WithHeader("Accept-Encoding", "identity")
	}
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return errorsx.UnsupportedMediaType("The request has a body but no Content-Type; send it as application/json.",
			acceptedMediaType)
	}
	ok, utf8 := jsonMediaType(ct)
	switch {
	case !ok:
		return errorsx.UnsupportedMediaType("The request body's media type is not supported; send application/json.",
			acceptedMediaType)
	case !utf8:
		return errorsx.UnsupportedMediaType("The request body must be encoded in UTF-8; send charset=utf-8 or no charset.",
			acceptedMediaType)
	}
	return nil
}

var bodyPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// pooledBodyMax is the largest buffer returned to the pool.
const pooledBodyMax = 64 << 10

// readBody reads the whole request body, at most limit bytes. A body over
// the limit — announced by Content-Length or found while reading — gives
// 413 after reading at most limit+1 bytes, so a client cannot make the
// server read a huge chunked body. A read error that carries a
// *errorsx.Problem is answered with that problem as it is. The caller must
// call releaseBody.
func readBody(r *http.Request, limit int64) (*bytes.Buffer, *errorsx.Problem) {
	if r.ContentLength > limit {
		return nil, errorsx.ContentTooLarge(limit)
	}
	buf := bodyPool.Get().(*bytes.Buffer)
	if r.ContentLength > 0 { // a claim: room for at most a pooled buffer is made before the bytes arrive
		buf.Grow(int(min(r.ContentLength, pooledBodyMax)) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(r.Body, limit+1))
	var prepared *errorsx.Problem
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &prepared): // a body-limiting middleware's own 413, with its Retry-After
		releaseBody(buf)
		return nil, prepared
	case errors.As(err, &tooLarge):
		releaseBody(buf)
		return nil, errorsx.ContentTooLarge(min(tooLarge.Limit, limit)).WithCause(err)
	case err != nil:
		releaseBody(buf)
		return nil, errorsx.BadRequest("The request body could not be read completely; send it again.").WithCause(err)
	case int64(buf.Len()) > limit:
		releaseBody(buf)
		return nil, errorsx.ContentTooLarge(limit)
	}
	return buf, nil
}

func releaseBody(buf *bytes.Buffer) {
	if buf.Cap() <= pooledBodyMax {
		buf.Reset()
		bodyPool.Put(buf)
	}
}
