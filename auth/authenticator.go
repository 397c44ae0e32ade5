package auth

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// Options configure an [Authenticator].
type Options struct {
	// Schemes are tried in order; the first that finds credentials in the
	// request decides. Their challenges are sent in this order, one
	// WWW-Authenticate line each, on every 401 of the Authenticator (from
	// Authenticate and from Require alike), so list the best-supported
	// scheme (Basic for browsers) first. At least one is required.
	Schemes []Scheme
	// AllowAnonymous lets a request that carries no credentials for any
	// scheme through Authenticate without an identity, so public routes and
	// rate limiting by identity can share one chain; routes that need an
	// identity then use Require. Invalid or malformed credentials are still
	// rejected: a client that sent them wants to be authenticated. Off, a
	// request without credentials gets 401 from Authenticate itself.
	AllowAnonymous bool
	// RetryAfter is the delay announced with the 503 sent when a verifier
	// fails with [ErrUnavailable]. Zero means [DefaultRetryAfter].
	RetryAfter time.Duration
	// Renderer writes every rejection; nil means errorsx.Default(), looked
	// up when the rejection is written.
	Renderer *errorsx.Renderer
}

// An Authenticator is an application's authentication, built once from its
// schemes and renderer: [Authenticator.Authenticate] proves who a request
// comes from, [Authenticator.Require] decides what that identity may reach,
// and [Authenticator.SubjectKey] keys a rate limiter by it. Because all
// three share one list of schemes, every 401 and 403 carries the same,
// correct challenges. It is safe for concurrent use.
type Authenticator struct {
	rj        *rejecter
	renderer  *errorsx.Renderer
	anonymous bool
}

// DefaultRetryAfter is the Retry-After of the 503 sent when a verifier
// reports [ErrUnavailable] and no other delay is configured.
const DefaultRetryAfter = 5 * time.Second

// New returns the Authenticator for opts. The challenges and the 401 of a
// request without credentials are prepared here, once.
//
// New panics, as http.ServeMux.Handle does for a nil handler, when opts is
// a programming error: no Schemes (a 401 must carry a challenge), a nil
// scheme, or a negative RetryAfter. The message reads "auth: <Field>: <why>".
func New(opts Options) *Authenticator {
	if len(opts.Schemes) == 0 {
		panic("auth: Options.Schemes: none given; a 401 must carry at least one challenge")
	}
	for i, s := range opts.Schemes {
		if s == nil {
			panic(fmt.Sprintf("auth: Options.Schemes: entry %d is nil", i))
		}
	}
	if opts.RetryAfter < 0 {
		panic(fmt.Sprintf("auth: Options.RetryAfter: %v is negative; use zero for the default", opts.RetryAfter))
	}
	if opts.RetryAfter == 0 {
		opts.RetryAfter = DefaultRetryAfter
	}
	return &Authenticator{
		rj:        newRejecter(slices.Clone(opts.Schemes), opts.RetryAfter),
		renderer:  opts.Renderer,
		anonymous: opts.AllowAnonymous,
	}
}

// write renders p with the configured renderer, or with the default one
// when none was configured.
func (a *Authenticator) write(w http.ResponseWriter, r *http.Request, p *errorsx.Problem) {
	rd := a.renderer
	if rd == nil {
		rd = errorsx.Default()
	}
	rd.Write(w, r, p)
}
