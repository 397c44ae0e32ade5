package auth

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/fourxx/fourxx/errorsx"
)

// A BasicVerifier checks a user-id and password and returns the identity
// they prove. It returns an error matching [ErrInvalidCredentials] for wrong
// credentials, any other error for a backend failure. Compare secrets with
// [CompareCredentials] or use [BasicCredentials], so that unknown users and
// wrong passwords take the same time.
type BasicVerifier func(ctx context.Context, user, password string) (*Identity, error)

// BasicOptions configure the [Basic] scheme.
type BasicOptions struct {
	// Realm names the protection space; RFC 7617 requires one. Empty means
	// "restricted".
	Realm string
	// Verify checks the user-id and password. Required.
	Verify BasicVerifier
}

type basic struct {
	opts BasicOptions
}

// Basic returns the RFC 7617 Basic scheme. Its challenge is
// Basic realm="…", charset="UTF-8". The user-pass is split at the first
// colon, so passwords may contain colons and user-ids may not.
//
// Bad credentials of any kind — invalid base64, no colon, control
// characters, invalid UTF-8, or a rejection by Verify — are answered with
// 401 and the challenge (RFC 9110 §11.4: a new challenge invites the client
// to try again), never with 400. Only a bare "Basic", a repeated or an
// oversized Authorization header is a 400. Basic panics if opts.Verify is
// nil ("auth: BasicOptions.Verify: …").
func Basic(opts BasicOptions) Scheme {
	if opts.Verify == nil {
		panic("auth: BasicOptions.Verify: nil; Basic needs a BasicVerifier to check passwords")
	}
	if opts.Realm == "" {
		opts.Realm = "restricted"
	}
	return &basic{opts: opts}
}

func (b *basic) Name() string { return "Basic" }

func (b *basic) Expects() string {
	return "a user name and password (HTTP Basic) in the Authorization header"
}

var (
	errBareBasic       = Malformed("The Authorization header says Basic but carries no credentials; send \"Basic base64(user:password)\".")
	errBasicEncoding   = Invalid("credentials are not valid base64")
	errBasicNoColon    = Invalid("credentials lack the colon between user-id and password")
	errBasicControl    = Invalid("credentials contain control characters")
	errBasicNotUTF8    = Invalid("credentials are not valid UTF-8")
	errWrongCredential = Invalid("wrong user name or password")
)

func (b *basic) Authenticate(r *http.Request) (*Identity, error) {
	scheme, rest, err := authorization(r)
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(scheme, "Basic") {
		return nil, ErrNoCredentials
	}
	if rest == "" {
		return nil, errBareBasic
	}
	raw, err := base64.StdEncoding.Strict().DecodeString(rest)
	if err != nil {
		return nil, errBasicEncoding
	}
	userPass := string(raw)
	user, password, ok := strings.Cut(userPass, ":")
	switch {
	case !ok:
		return nil, errBasicNoColon
	case hasControl(userPass):
		return nil, errBasicControl
	case !utf8.ValidString(userPass):
		return nil, errBasicNotUTF8
	}
	id, err := b.opts.Verify(r.Context(), user, password)
	return verified("Basic", id, err)
}

// hasControl reports whether s holds a C0 control character or DEL, which
// RFC 7617 §2 forbids in user-id and password.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}

// Challenge returns Basic realm="…", charset="UTF-8" for a 401 and no
// challenge for a 403 (another user's credentials might help, but the
// client needs no new challenge to know that).
func (b *basic) Challenge(err error) errorsx.Challenge {
	if _, ok := err.(*InsufficientScopeError); ok {
		return errorsx.Challenge{}
	}
	return errorsx.Challenge{Scheme: "Basic", Params: []errorsx.Param{
		{Name: "realm", Value: b.opts.Realm},
		{Name: "charset", Value: "UTF-8"},
	}}
}
