package middleware

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// BodyLimitOptions configure [BodyLimit].
type BodyLimitOptions struct {
	// Renderer writes the 413 problem; nil means errorsx.Default().
	Renderer *errorsx.Renderer
	// MaxBytes is the largest request body accepted, in bytes. It must be
	// positive.
	MaxBytes int64
	// RetryAfter, when positive, marks the limit as temporary (a server
	// under load, say): the 413 then carries Retry-After with this delay in
	// whole seconds, rounded up (RFC 9110 §15.5.14). Zero means the limit is
	// permanent and no Retry-After is sent.
	RetryAfter time.Duration
}

// Validate reports options [BodyLimit] refuses, so that a MaxBytes read
// from a flag or the environment can be checked before use: a MaxBytes that
// is not positive.
func (o BodyLimitOptions) Validate() error {
	if o.MaxBytes <= 0 {
		return errors.New("middleware: MaxBytes: must be positive, got " + strconv.FormatInt(o.MaxBytes, 10))
	}
	return nil
}

// BodyLimit returns a middleware that rejects request bodies larger than
// opts.MaxBytes with a 413 Content Too Large problem.
//
// A request whose Content-Length exceeds the limit is answered at once,
// without calling the next handler. A body of unknown length (chunked) is
// wrapped with http.MaxBytesReader, so the limit holds while the handler
// reads: the read that crosses it fails with an error wrapping
// *http.MaxBytesError, and a handler that returns that error through
// errorsx (errorsx.Handler, Renderer.Write) answers 413. With RetryAfter
// set, that error is a 413 *errorsx.Problem carrying Retry-After (its
// cause is the *http.MaxBytesError, so errors.As still finds it).
//
// A body whose length is declared and within the limit is not wrapped:
// net/http already stops it at Content-Length, and the allowed path costs
// no allocation.
//
// BodyLimit panics with the error of [BodyLimitOptions.Validate] if opts
// are invalid.
func BodyLimit(opts BodyLimitOptions) func(http.Handler) http.Handler {
	if err := opts.Validate(); err != nil {
		panic(err.Error())
	}
	declaredTooLarge := tooLarge(opts, nil)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case r.ContentLength > opts.MaxBytes:
				opts.Renderer.Write(w, r, declaredTooLarge)
				return
			case r.ContentLength <= 0 && r.Body != nil && r.Body != http.NoBody:
				body := http.MaxBytesReader(w, r.Body, opts.MaxBytes)
				if opts.RetryAfter > 0 {
					body = &temporaryLimitBody{ReadCloser: body, opts: opts}
				}
				r.Body = body
			}
			next.ServeHTTP(w, r)
		})
	}
}

// tooLarge builds the 413 problem, with Retry-After when the limit is
// temporary.
func tooLarge(opts BodyLimitOptions, cause error) *errorsx.Problem {
	p := errorsx.ContentTooLarge(opts.MaxBytes)
	if cause != nil {
		p.WithCause(cause)
	}
	if opts.RetryAfter > 0 {
		p.WithHeader("Retry-After", strconv.FormatInt(errorsx.DelaySeconds(opts.RetryAfter), 10))
	}
	return p
}

// temporaryLimitBody turns the *http.MaxBytesError of a temporary limit into
// a 413 problem with Retry-After.
type temporaryLimitBody struct {
	io.ReadCloser
	opts BodyLimitOptions
}

func (b *temporaryLimitBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return n, tooLarge(b.opts, err)
	}
	return n, err
}
