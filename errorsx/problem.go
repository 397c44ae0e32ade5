package errorsx

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// A Problem is an RFC 9457 problem details document together with the
// response headers that must accompany it and the cause that produced it.
//
// A Problem is an error: errors.As finds it in a chain, and Unwrap returns
// the cause. Test for one with errors.As and its fields, not by comparing
// errors:
//
//	var p *errorsx.Problem
//	if errors.As(err, &p) && p.Status == http.StatusNotFound { … }
//
// Build one with [New] or a status-specific constructor and refine it with
// the With* methods. They modify the problem and return it, so they can be
// chained; a problem prepared once and shared by many requests must not be
// refined per request: [Problem.Clone] it first.
//
// The zero values mean "let the renderer decide": an empty Type becomes
// about:blank or the renderer's type base plus the catalog slug, an empty
// Title becomes the RFC 9110 reason phrase.
type Problem struct {
	// Type is a URI reference identifying the problem type. Empty lets the
	// renderer choose.
	Type string
	// Slug names a type of the renderer's catalog (see [OfType]); when set,
	// the renderer fills Type, Title and Status from the catalog entry.
	Slug string
	// Title is a short summary of the problem type. Empty means the reason
	// phrase of Status. For about:blank problems the renderer always uses the
	// reason phrase (RFC 9457 §4.2.1).
	Title string
	// Status is the HTTP status code; the renderer sends the same code.
	Status int
	// Detail explains this occurrence and what to do about it. For 5xx
	// problems the renderer replaces it with a generic sentence unless it
	// was marked safe to send: by [Problem.WithPublicDetail], or by a
	// constructor whose detail is known to be safe ([ServiceUnavailable],
	// [NotImplemented]). Changing Detail afterwards removes the mark.
	Detail string
	// Instance is a URI reference identifying this occurrence.
	Instance string
	// Errors lists field-level errors (validation); omitted when empty.
	Errors []FieldError
	// Extensions are extra members written at the top level of the document.
	// Names that collide with the standard members or "errors" are dropped.
	Extensions map[string]any
	// Header holds the response header fields that must go with the problem
	// (WWW-Authenticate, Allow, Retry-After …). It is never serialised into
	// the body.
	Header http.Header

	// cause is nil, the error given to [Problem.WithCause], or, once a
	// detail was marked public, a *publicMark holding that error and the
	// detail: the mark is rare, so it costs the common problem no space.
	// Read it with Unwrap.
	cause any
}

// A publicMark is a problem's cause together with the detail marked safe to
// send ([Problem.WithPublicDetail]). It is never modified: marking another
// detail or recording another cause makes a new one, so a copy of the
// problem that shares it keeps its own.
type publicMark struct {
	cause  error
	detail string
}

// New returns a problem with the given status and detail.
func New(status int, detail string) *Problem {
	return &Problem{Status: status, Detail: detail}
}

// Error describes the problem for logs: "404 Not Found: no widget 7".
func (p *Problem) Error() string {
	s := strconv.Itoa(p.Status) + " " + ReasonPhrase(p.Status)
	if p.Slug != "" && p.Status == 0 {
		s = p.Slug // the renderer fills the status from the catalog
	}
	if p.Detail != "" {
		s += ": " + p.Detail
	}
	if cause := p.Unwrap(); cause != nil {
		s += ": " + cause.Error()
	}
	return s
}

// Unwrap returns the cause given to [Problem.WithCause], or nil.
func (p *Problem) Unwrap() error {
	switch c := p.cause.(type) {
	case *publicMark:
		return c.cause
	case error:
		return c
	}
	return nil
}

// WithCause records the underlying error in p and returns p. The cause is
// logged by the renderer and reachable through errors.Unwrap, but never
// written into a response.
func (p *Problem) WithCause(err error) *Problem {
	if m, ok := p.cause.(*publicMark); ok {
		p.cause = &publicMark{cause: err, detail: m.detail}
	} else {
		p.cause = err
	}
	return p
}

// WithType sets p's type URI and returns p.
func (p *Problem) WithType(uri string) *Problem {
	p.Type = uri
	return p
}

// WithTitle sets the title of p's problem type and returns p.
func (p *Problem) WithTitle(title string) *Problem {
	p.Title = title
	return p
}

// WithDetail sets p's occurrence-specific explanation, formatted as
// fmt.Sprintf does when args are given, and returns p. On a 5xx the detail
// goes to the log only; see [Problem.WithPublicDetail].
func (p *Problem) WithDetail(format string, args ...any) *Problem {
	if len(args) == 0 {
		p.Detail = format
	} else {
		p.Detail = fmt.Sprintf(format, args...)
	}
	return p
}

// WithPublicDetail sets p's detail to text written for the client and marks
// it safe to send even when p is a 5xx, whose details are otherwise
// replaced by a generic sentence because they may reveal internals — for
// example "Payments are down for maintenance until 14:00 UTC." on a 503. It
// returns p. Changing Detail afterwards removes the mark.
func (p *Problem) WithPublicDetail(detail string) *Problem {
	p.Detail = detail
	p.cause = &publicMark{cause: p.Unwrap(), detail: detail}
	return p
}

// detailIsPublic reports whether p's current detail was marked safe to send.
func (p *Problem) detailIsPublic() bool {
	m, ok := p.cause.(*publicMark)
	return ok && m.detail != "" && m.detail == p.Detail
}

// WithInstance sets the URI reference of p's occurrence and returns p.
func (p *Problem) WithInstance(uri string) *Problem {
	p.Instance = uri
	return p
}

// With sets p's extension member name to value and returns p. Any name is
// carried by both formats: one that is not an XML name is written in
// problem+xml as <member name="…">. A value of type []string is written as
// a list natively; other values are encoded as encoding/json does.
func (p *Problem) With(name string, value any) *Problem {
	if p.Extensions == nil {
		p.Extensions = make(map[string]any, 2)
	}
	p.Extensions[name] = value
	return p
}

// WithErrors appends field errors to p's errors list and returns p.
func (p *Problem) WithErrors(errs ...FieldError) *Problem {
	p.Errors = append(p.Errors, errs...)
	return p
}

// WithHeader adds to p a response header field line that must go with it,
// and returns p.
func (p *Problem) WithHeader(name, value string) *Problem {
	if p.Header == nil {
		p.Header = make(http.Header, 2)
	}
	p.Header.Add(name, value)
	return p
}

// Clone returns a copy of p that shares no mutable memory with it: its
// Header, Extensions and Errors are new, and so is every []string extension
// value (the list type the renderer encodes natively); other extension
// values are copied as they are. Refine the copy of a shared prepared
// problem per request.
func (p *Problem) Clone() *Problem {
	c := *p
	c.Header = p.Header.Clone()
	c.Extensions = maps.Clone(p.Extensions)
	for name, v := range c.Extensions {
		if list, ok := v.([]string); ok {
			c.Extensions[name] = slices.Clone(list)
		}
	}
	c.Errors = slices.Clone(p.Errors)
	return &c
}

// RetryAfter interprets the problem's Retry-After header (delay-seconds or an
// HTTP-date, RFC 9110 §10.2.3) as a delay from now. ok is false when the
// header is absent or malformed. A date in the past gives 0.
func (p *Problem) RetryAfter() (d time.Duration, ok bool) {
	return parseRetryAfter(p.Header.Get("Retry-After"), time.Now())
}

func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseUint(v, 10, 32); err == nil {
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// DelaySeconds converts a wait into the delay-seconds of a Retry-After
// header: whole seconds, rounded up, at least 1, so a client that waits
// exactly that long is never early.
func DelaySeconds(d time.Duration) int64 {
	s := int64((d + time.Second - 1) / time.Second)
	return max(s, 1)
}
