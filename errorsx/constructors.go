package errorsx

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// BadRequest returns a 400 problem: the request is malformed and must be
// fixed before it is sent again.
func BadRequest(detail string) *Problem { return New(http.StatusBadRequest, detail) }

// Unauthorized returns a 401 problem carrying one WWW-Authenticate field line
// per challenge (RFC 9110 §11.6.1 requires at least one; a 401 built without
// any is reported by the renderer).
func Unauthorized(detail string, challenges ...Challenge) *Problem {
	p := New(http.StatusUnauthorized, detail)
	for _, c := range challenges {
		p.WithHeader("WWW-Authenticate", c.String())
	}
	return p
}

// Forbidden returns a 403 problem: the identity is known and lacks permission.
func Forbidden(detail string) *Problem { return New(http.StatusForbidden, detail) }

// Conflict returns a 409 problem: the request conflicts with the current
// state of the resource (RFC 9110 §15.5.10), e.g. a duplicate name; detail
// says what to resolve before retrying.
func Conflict(detail string) *Problem { return New(http.StatusConflict, detail) }

// Gone returns a 410 problem: the resource existed and is permanently
// removed (RFC 9110 §15.5.11); clients should delete their links to it.
func Gone(detail string) *Problem { return New(http.StatusGone, detail) }

// PreconditionFailed returns a 412 problem: a condition of the request
// (If-Match, If-Unmodified-Since …) evaluated to false (RFC 9110 §15.5.13),
// typically because the resource changed since the client read it.
func PreconditionFailed(detail string) *Problem { return New(http.StatusPreconditionFailed, detail) }

// NotFoundDetail is the detail of the suite's own 404s (the router's
// not-found handler, and authorization that hides a resource as a 404), so
// a hidden resource answers exactly like a missing one.
const NotFoundDetail = "No resource exists at this URL; check the path."

// NotFound returns a 404 problem.
func NotFound(detail string) *Problem { return New(http.StatusNotFound, detail) }

// MethodNotAllowed returns a 405 problem with an Allow field listing allowed,
// comma-joined on one line. The field is present even when allowed is empty:
// RFC 9110 §10.2.1 reads an empty Allow as "the resource is disabled". The
// detail names method, cut to 64 bytes so a huge request line is not echoed.
func MethodNotAllowed(method string, allowed ...string) *Problem {
	list := strings.Join(allowed, ", ")
	detail := "This resource does not support any method right now."
	if list != "" {
		detail = "This resource supports only " + list + "."
	}
	if method != "" {
		detail = "The method " + echoedMethod(method) + " is not allowed here. " + detail
	}
	p := New(http.StatusMethodNotAllowed, detail)
	p.Header = http.Header{"Allow": {list}}
	return p
}

// ContentTooLarge returns a 413 problem for a body over limit bytes.
func ContentTooLarge(limit int64) *Problem {
	return New(http.StatusRequestEntityTooLarge,
		"The request body is larger than the limit of "+strconv.FormatInt(limit, 10)+" bytes; send less.").
		With("max_bytes", limit)
}

// UnsupportedMediaType returns a 415 problem whose Accept field lists the
// media types the resource accepts (RFC 9110 §15.5.16).
func UnsupportedMediaType(detail string, accepted ...string) *Problem {
	p := New(http.StatusUnsupportedMediaType, detail)
	p.Header = http.Header{"Accept": {strings.Join(accepted, ", ")}}
	return p
}

// UnprocessableContent returns a 422 problem: the content is well-formed but
// its values are not acceptable; errs says which and why. The problem keeps
// errs as its Errors list instead of copying it (a later WithErrors copies),
// so do not modify the slice after passing it.
func UnprocessableContent(detail string, errs ...FieldError) *Problem {
	p := New(http.StatusUnprocessableEntity, detail)
	if len(errs) > 0 {
		p.Errors = errs[:len(errs):len(errs)]
	}
	return p
}

// TooManyRequests returns a 429 problem with Retry-After set to retryAfter in
// whole seconds, rounded up and at least 1 (see [DelaySeconds]).
func TooManyRequests(retryAfter time.Duration, detail string) *Problem {
	p := New(http.StatusTooManyRequests, detail)
	p.Header = http.Header{"Retry-After": {strconv.FormatInt(DelaySeconds(retryAfter), 10)}}
	return p
}

// InternalServerError returns a 500 problem. The cause is logged; the client
// sees only a generic detail. For a recovered panic, pass a [*PanicError]
// so that the log line carries the stack.
func InternalServerError(cause error) *Problem {
	return New(http.StatusInternalServerError, "").WithCause(cause)
}

// NotImplemented returns a 501 problem for a request method the server does
// not recognise (RFC 9110 §9.1). Its detail names the method (quoted, cut to
// 64 bytes so a huge request line is not echoed) and is sent.
func NotImplemented(method string) *Problem {
	return New(http.StatusNotImplemented, "").
		WithPublicDetail("The method " + strconv.Quote(echoedMethod(method)) + " is not implemented by this server.")
}

// ServiceUnavailable returns a 503 problem with Retry-After. The cause is
// logged; the client is told only when to retry, unless a public detail
// replaces that sentence ([Problem.WithPublicDetail]).
func ServiceUnavailable(retryAfter time.Duration, cause error) *Problem {
	secs := strconv.FormatInt(DelaySeconds(retryAfter), 10)
	p := New(http.StatusServiceUnavailable, "").
		WithPublicDetail("The service is temporarily unable to handle the request; retry in " + secs + " s.").
		WithCause(cause)
	p.Header = http.Header{"Retry-After": {secs}}
	return p
}

// maxEchoedMethod bounds how much of a client's method name a detail repeats.
const maxEchoedMethod = 64

// echoedMethod returns method cut to maxEchoedMethod bytes (marked with an
// ellipsis), so a detail never repeats a huge request line back.
func echoedMethod(method string) string {
	if len(method) > maxEchoedMethod {
		return method[:maxEchoedMethod] + "…"
	}
	return method
}
