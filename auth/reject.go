package auth

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// identify tries schemes in order. The first scheme that finds credentials
// decides: it returns the identity and that scheme's index, or its error.
// When no scheme finds credentials the error is ErrNoCredentials.
func identify(schemes []Scheme, r *http.Request) (*Identity, int, error) {
	for i, s := range schemes {
		id, err := s.Authenticate(r)
		if err == nil && id != nil {
			return id, i, nil
		}
		if errors.Is(err, ErrNoCredentials) {
			continue
		}
		if err == nil {
			err = errNoIdentity
		}
		return nil, i, err
	}
	return nil, -1, ErrNoCredentials
}

// A rejecter builds the problems of failed authentication for one list of
// schemes, from parts prepared once.
type rejecter struct {
	schemes    []Scheme
	plain      []string // Challenge(nil) of each scheme, formatted
	none       *errorsx.Problem
	retryAfter time.Duration
}

func newRejecter(schemes []Scheme, retryAfter time.Duration) *rejecter {
	rj := &rejecter{schemes: schemes, retryAfter: retryAfter}
	expects := make([]string, len(schemes))
	for i, s := range schemes {
		rj.plain = append(rj.plain, s.Challenge(nil).String())
		expects[i] = s.Expects()
	}
	rj.none = errorsx.New(http.StatusUnauthorized, "Send "+strings.Join(expects, ", or ")+".")
	for _, c := range rj.plain {
		rj.none.WithHeader("WWW-Authenticate", c)
	}
	return rj
}

// noCredentials is the 401 for a request without credentials: one plain
// challenge per scheme, in order, no error parameter. It is built once; the
// renderer never modifies a problem, so every such request shares it.
func (rj *rejecter) noCredentials() *errorsx.Problem { return rj.none }

// reject turns the error of scheme number by into a problem: 401 for
// missing or invalid credentials, 400 for a malformed request, 503 or 500
// for a backend failure.
func (rj *rejecter) reject(by int, err error) *errorsx.Problem {
	switch {
	case errors.Is(err, ErrNoCredentials):
		return rj.noCredentials()
	case errors.Is(err, ErrMalformedRequest):
		p := errorsx.BadRequest(malformedDetail(err))
		for _, s := range rj.schemes {
			addChallenge(p, s.Challenge(err))
		}
		return p
	case errors.Is(err, ErrInvalidCredentials):
		p := errorsx.New(http.StatusUnauthorized, rj.invalidDetail(by, err))
		for i, s := range rj.schemes {
			if i == by {
				addChallenge(p, s.Challenge(err))
			} else {
				p.WithHeader("WWW-Authenticate", rj.plain[i])
			}
		}
		return p
	}
	var verr *VerifierError
	if !errors.As(err, &verr) {
		verr = &VerifierError{Scheme: rj.schemes[by].Name(), Err: err}
	}
	if errors.Is(err, ErrUnavailable) {
		return errorsx.ServiceUnavailable(rj.retryAfter, verr)
	}
	return errorsx.InternalServerError(verr)
}

func addChallenge(p *errorsx.Problem, c errorsx.Challenge) {
	if c.Scheme != "" {
		p.WithHeader("WWW-Authenticate", c.String())
	}
}

func malformedDetail(err error) string {
	var m *MalformedRequestError
	if errors.As(err, &m) && m.Description != "" {
		return m.Description
	}
	return "The authentication part of the request is malformed; fix it and retry."
}

func (rj *rejecter) invalidDetail(by int, err error) string {
	desc := "invalid credentials"
	var inv *InvalidCredentialsError
	if errors.As(err, &inv) {
		if inv.Detail != "" {
			return inv.Detail
		}
		if inv.Description != "" {
			desc = inv.Description
		}
	}
	return "The credentials were rejected (" + desc + "). Send " + rj.schemes[by].Expects() + "."
}
