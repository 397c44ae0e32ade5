package errorsx

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// A Problem is an RFC 9457 problem details document together with the
// response headers that must accompany it and the cause that produced it.
//
// A Problem is an error: it works with errors.Is (two problems match when
// their status and, if the target sets one, type match) and errors.As, and
// Unwrap returns the cause. Build one with [New] or a status-specific
// constructor and refine it with the With* methods, which modify and return
// the receiver so they can be chained.
//
// The zero values mean "let the renderer decide": an empty Type becomes
// about:blank or the renderer's type base plus the catalog slug, an empty
// Title becomes the RFC 9110 reason phrase.
type Problem struct {
	// Type is a URI reference identifying the problem type. Empty lets the
	// renderer choose.
	Type string
	// Title is a short summary of the problem type. Empty means the reason
	// phrase of Status. For about:blank problems the renderer always uses the
	// reason phrase (RFC 9457 §4.2.1).
	Title string
	// Status is the HTTP status code; the renderer sends the same code.
	Status int
	// Detail explains this occurrence and what to do about it. For 5xx
	// problems the renderer replaces it with a generic sentence unless the
	// problem was built by a constructor whose detail is known to be safe.
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

	cause        error
	publicDetail bool
}

// New returns a problem with the given status and detail.
func New(status int, detail string) *Problem {
	return &Problem{Status: status, Detail: detail}
}

// Error describes the problem for logs: "404 Not Found: no widget 7".
func (p *Problem) Error() string {
	s := strconv.Itoa(p.Status) + " " + ReasonPhrase(p.Status)
	if p.Detail != "" {
		s += ": " + p.Detail
	}
	if p.cause != nil {
		s += ": " + p.cause.Error()
	}
	return s
}

// Unwrap returns the cause given to [Problem.WithCause], or nil.
func (p *Problem) Unwrap() error { return p.cause }

// Is reports whether target is a *Problem with the same status and, when
// target.Type is set, the same type. It lets errors.Is match a problem
// against a template such as errorsx.New(http.StatusNotFound, "").
func (p *Problem) Is(target error) bool {
	t, ok := target.(*Problem)
	if !ok {
		return false
	}
	return t.Status == p.Status && (t.Type == "" || t.Type == p.Type)
}

// WithCause records the underlying error. It is logged by the renderer and
// reachable through errors.Unwrap, but never written into a response.
func (p *Problem) WithCause(err error) *Problem {
	p.cause = err
	return p
}

// WithType sets the type URI.
func (p *Problem) WithType(uri string) *Problem {
	p.Type = uri
	return p
}

// WithTitle sets the title of the problem type.
func (p *Problem) WithTitle(title string) *Problem {
	p.Title = title
	return p
}

// WithDetail sets the occurrence-specific explanation.
func (p *Problem) WithDetail(format string, args ...any) *Problem {
	if len(args) == 0 {
		p.Detail = format
	} else {
		p.Detail = fmt.Sprintf(format, args...)
	}
	return p
}

// WithInstance sets the URI reference of this occurrence.
func (p *Problem) WithInstance(uri string) *Problem {
	p.Instance = uri
	return p
}

// With sets the extension member name to value.
func (p *Problem) With(name string, value any) *Problem {
	if p.Extensions == nil {
		p.Extensions = make(map[string]any, 2)
	}
	p.Extensions[name] = value
	return p
}

// WithErrors appends field errors to the errors list.
func (p *Problem) WithErrors(errs ...FieldError) *Problem {
	p.Errors = append(p.Errors, errs...)
	return p
}

// WithHeader adds a response header field line that must go with the problem.
func (p *Problem) WithHeader(name, value string) *Problem {
	if p.Header == nil {
		p.Header = make(http.Header, 2)
	}
	p.Header.Add(name, value)
	return p
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
