package jwt_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/MicahParks/jwkset"
	gojwt "github.com/golang-jwt/jwt/v5"
	"go.uber.org/goleak"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/auth/jwt"
	"github.com/fourxx/fourxx/errorsx"
)

// A signingKey is one key of an issuer: its kid, private key and method.
type signingKey struct {
	kid    string
	priv   crypto.Signer
	method gojwt.SigningMethod
}

func newEdKey(t *testing.T, kid string) signingKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return signingKey{kid: kid, priv: priv, method: gojwt.SigningMethodEdDSA}
}

func newECKey(t *testing.T, kid string) signingKey {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return signingKey{kid: kid, priv: priv, method: gojwt.SigningMethodES256}
}

// token signs valid claims with k, naming k.kid unless kid is false.
func (k signingKey) token(t *testing.T, withKid bool) string {
	t.Helper()
	tok := gojwt.NewWithClaims(k.method, claims())
	if withKid {
		tok.Header["kid"] = k.kid
	}
	s, err := tok.SignedString(k.priv)
	if err != nil {
		t.Fatal(err)
	}
	return remember(s)
}

// jwksServer is an issuer's JWK Set endpoint on loopback whose keys the
// test rotates and which can be made to fail. It counts the fetches.
type jwksServer struct {
	*httptest.Server
	mu      sync.Mutex
	body    []byte
	status  int
	fetches atomic.Int64
}

func newJWKSServer(t *testing.T, keys ...signingKey) *jwksServer {
	t.Helper()
	s := &jwksServer{}
	s.publish(t, keys...)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fetches.Add(1)
		s.mu.Lock()
		status, body := s.status, s.body
		s.mu.Unlock()
		if status != 0 {
			w.WriteHeader(status)
			return
		}
		w.Header().Set("Content-Type", "application/jwk-set+json")
		_, _ = w.Write(body)
	}))
	t.Cleanup(s.Close)
	return s
}

// publish replaces the set with the public halves of keys: a rotation.
func (s *jwksServer) publish(t *testing.T, keys ...signingKey) {
	t.Helper()
	var set jwkset.JWKSMarshal
	for _, k := range keys {
		jwk, err := jwkset.NewJWKFromKey(k.priv.Public(), jwkset.JWKOptions{
			Metadata: jwkset.JWKMetadataOptions{KID: k.kid, USE: jwkset.UseSig},
		})
		if err != nil {
			t.Fatal(err)
		}
		set.Keys = append(set.Keys, jwk.Marshal())
	}
	body, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	s.body, s.status = body, 0
	s.mu.Unlock()
}

// fail makes every fetch answer status.
func (s *jwksServer) fail(status int) {
	s.mu.Lock()
	s.status = status
	s.mu.Unlock()
}

func newSetVerifier(t *testing.T, url string, cooldown time.Duration) (*jwt.Verifier, capturedLogs) {
	t.Helper()
	logger, logs := captureLogs()
	v, err := jwt.New(jwt.Options{
		KeySetURL: url, RefreshCooldown: cooldown, Logger: logger,
		Issuer: "https://issuer.example", Audience: "orders", Now: func() time.Time { return now },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(v.Close)
	return v, logs
}

// wantDesc checks err is an invalid-credentials error with description
// want, or no error when want is empty.
func wantDesc(t *testing.T, what string, err error, want string) {
	t.Helper()
	var inv *auth.InvalidCredentialsError
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: rejected: %v", what, err)
	case want != "" && !errors.As(err, &inv):
		t.Errorf("%s: error %v, want invalid credentials %q", what, err, want)
	case want != "" && inv.Description != want:
		t.Errorf("%s: description %q, want %q", what, inv.Description, want)
	}
}

// TestKeySet_rotation: the issuer replaces k1 by k2. The first token
// signed with k2 makes the verifier fetch the set once more and pass; k1,
// gone from the set, is no longer accepted; a known kid costs no fetch.
func TestKeySet_rotation(t *testing.T) {
	k1, k2 := newEdKey(t, "k1"), newECKey(t, "k2")
	srv := newJWKSServer(t, k1)
	v, _ := newSetVerifier(t, srv.URL, time.Hour)
	ctx := context.Background()
	steps := []struct {
		name        string
		rotate      []signingKey // published before the step, when not nil
		token       string
		want        string
		wantFetches int64
	}{
		{"k1_known", nil, k1.token(t, true), "", 1},
		{"k1_again_no_fetch", nil, k1.token(t, true), "", 1},
		{"k2_after_rotation_refetches_once", []signingKey{k2}, k2.token(t, true), "", 2},
		{"k2_again_no_fetch", nil, k2.token(t, true), "", 2},
		{"k1_retired_is_rejected", nil, k1.token(t, true), "unknown signing key", 2},
	}
	for _, st := range steps {
		if st.rotate != nil {
			srv.publish(t, st.rotate...)
		}
		id, err := v.Verify(ctx, st.token)
		wantDesc(t, st.name, err, st.want)
		if st.want == "" && (err != nil || id.Subject != "alice") {
			t.Errorf("%s: identity %+v", st.name, id)
		}
		if got := srv.fetches.Load(); got != st.wantFetches {
			t.Errorf("%s: %d fetches, want %d", st.name, got, st.wantFetches)
		}
	}
}

// TestKeySet_unknownKidFlood: 200 concurrent tokens with made-up kids cost
// the issuer one fetch per cooldown, all are rejected, and tokens with a
// known kid keep passing meanwhile.
func TestKeySet_unknownKidFlood(t *testing.T) {
	k1, forger := newEdKey(t, "k1"), newEdKey(t, "")
	srv := newJWKSServer(t, k1)
	v, _ := newSetVerifier(t, srv.URL, time.Hour)
	var wg sync.WaitGroup
	var rejected, passed atomic.Int64
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			forged := forger
			forged.kid = "made-up-" + string(rune('a'+i%26)) + strings.Repeat("x", i)
			_, err := v.Verify(context.Background(), forged.token(t, true))
			if errors.Is(err, auth.ErrInvalidCredentials) {
				rejected.Add(1)
			}
			if _, err := v.Verify(context.Background(), k1.token(t, true)); err == nil {
				passed.Add(1)
			}
		}()
	}
	wg.Wait()
	if rejected.Load() != 200 || passed.Load() != 200 {
		t.Errorf("%d forged tokens rejected and %d valid ones passed, want 200 and 200", rejected.Load(), passed.Load())
	}
	if got := srv.fetches.Load(); got != 2 {
		t.Errorf("%d fetches for a flood of unknown kids, want 2 (the first and one refetch)", got)
	}
}

// TestKeySet_refetchAfterCooldown: once the cooldown is over, an unknown
// kid may cause one more fetch.
func TestKeySet_refetchAfterCooldown(t *testing.T) {
	k1, k2, k3 := newEdKey(t, "k1"), newEdKey(t, "k2"), newEdKey(t, "k3")
	srv := newJWKSServer(t, k1)
	v, _ := newSetVerifier(t, srv.URL, 20*time.Millisecond)
	srv.publish(t, k1, k2)
	wantDesc(t, "k2", func() error { _, err := v.Verify(context.Background(), k2.token(t, true)); return err }(), "")
	time.Sleep(100 * time.Millisecond) // longer than the cooldown
	srv.publish(t, k1, k2, k3)
	wantDesc(t, "k3", func() error { _, err := v.Verify(context.Background(), k3.token(t, true)); return err }(), "")
	if got := srv.fetches.Load(); got != 3 {
		t.Errorf("%d fetches, want 3 (the first and one per rotation)", got)
	}
}

// TestKeySet_withoutKid: a token without kid is tried against every key of
// the set whose type fixes its algorithm.
func TestKeySet_withoutKid(t *testing.T) {
	ed, ec, stranger := newEdKey(t, "ed"), newECKey(t, "ec"), newECKey(t, "x")
	srv := newJWKSServer(t, ed, ec)
	v, _ := newSetVerifier(t, srv.URL, time.Hour)
	for _, tt := range []struct {
		name, token, want string
	}{
		{"eddsa", ed.token(t, false), ""},
		{"es256", ec.token(t, false), ""},
		{"unknown_key", stranger.token(t, false), "invalid signature"},
	} {
		_, err := v.Verify(context.Background(), tt.token)
		wantDesc(t, tt.name, err, tt.want)
	}
}

// TestKeySet_algorithmIsTheKeys: a token cannot choose the algorithm of a
// key it names: HS256 with a public key's bytes as the secret, or ES256
// naming an Ed25519 key, is rejected.
func TestKeySet_algorithmIsTheKeys(t *testing.T) {
	ed := newEdKey(t, "ed")
	srv := newJWKSServer(t, ed)
	v, _ := newSetVerifier(t, srv.URL, time.Hour)
	confused := gojwt.NewWithClaims(gojwt.SigningMethodHS256, claims())
	confused.Header["kid"] = "ed"
	hs, err := confused.SignedString([]byte(ed.priv.Public().(ed25519.PublicKey)))
	if err != nil {
		t.Fatal(err)
	}
	remember(hs)
	ec := newECKey(t, "ed") // an ES256 token naming the Ed25519 key
	for _, tt := range []struct{ name, token string }{{"hs256_with_public_key", hs}, {"es256_naming_eddsa_key", ec.token(t, true)}} {
		_, err := v.Verify(context.Background(), tt.token)
		if !errors.Is(err, auth.ErrInvalidCredentials) {
			t.Errorf("%s: error %v, want invalid credentials", tt.name, err)
		}
	}
}

// TestKeySet_serverDown: while the set cannot be fetched, tokens with a
// cached key still pass, and a token whose key is not cached is a backend
// failure (503 with Retry-After through auth.Bearer), never a 401: the key
// may exist. The failure is logged without the token. When the set can be
// fetched again, the new key is found.
func TestKeySet_serverDown(t *testing.T) {
	k1, k2 := newEdKey(t, "k1"), newEdKey(t, "k2")
	for _, down := range []struct {
		name    string
		breakIt func(*jwksServer)
	}{
		{"status_500", func(s *jwksServer) { s.fail(http.StatusInternalServerError) }},
		{"status_404", func(s *jwksServer) { s.fail(http.StatusNotFound) }},
		{"connection_refused", func(s *jwksServer) { s.Close() }},
	} {
		t.Run(down.name, func(t *testing.T) {
			srv := newJWKSServer(t, k1)
			v, logs := newSetVerifier(t, srv.URL, 20*time.Millisecond)
			rdLogger, rdLogs := captureLogs()
			rd := errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: rdLogger})
			a := auth.New(auth.Options{Schemes: []auth.Scheme{auth.Bearer(auth.BearerOptions{Realm: "orders", Verify: v.Verify})}, Renderer: rd})
			h := a.Authenticate(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
			serve := func(token string) *httptest.ResponseRecorder {
				r := httptest.NewRequest("GET", "/", nil)
				r.Header.Set("Authorization", "Bearer "+token)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				return w
			}
			down.breakIt(srv)
			newToken := k2.token(t, true)
			if w := serve(newToken); w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" ||
				w.Header().Get("WWW-Authenticate") != "" {
				t.Errorf("unknown kid while the set is down: %d %v, want 503 with Retry-After and no challenge", w.Code, w.Header())
			}
			if _, err := v.Verify(context.Background(), newToken); !errors.Is(err, auth.ErrUnavailable) {
				t.Errorf("Verify error %v, want one wrapping auth.ErrUnavailable", err)
			}
			if w := serve(k1.token(t, true)); w.Code != http.StatusOK {
				t.Errorf("cached key while the set is down: %d, want 200", w.Code)
			}
			if l := logs.String(); !strings.Contains(l, "ERROR ") || !strings.Contains(l, "jwt: key set fetch failed") || strings.Contains(l, newToken) {
				t.Errorf("log:\n%s\nwant an ERROR line for the failed fetch, without the token", l)
			}
			if strings.Contains(rdLogs.String(), newToken) {
				t.Errorf("the renderer logged the token:\n%s", rdLogs)
			}
			if down.name == "connection_refused" {
				return // the loopback port cannot be taken back reliably
			}
			srv.publish(t, k1, k2)
			time.Sleep(100 * time.Millisecond) // longer than the cooldown
			if w := serve(newToken); w.Code != http.StatusOK {
				t.Errorf("after the set is back: %d, want 200", w.Code)
			}
		})
	}
}

// TestKeySet_clientCancelIsNotAnOutage: a request whose client went away
// still lets the fetch it triggered finish, so the set does not look down
// and the answer is about the token (rule 10: the client's failure is not
// the server's).
func TestKeySet_clientCancelIsNotAnOutage(t *testing.T) {
	k1, stranger := newEdKey(t, "k1"), newEdKey(t, "nobody")
	srv := newJWKSServer(t, k1)
	v, logs := newSetVerifier(t, srv.URL, time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := v.Verify(ctx, stranger.token(t, true))
	wantDesc(t, "cancelled request, unknown kid", err, "unknown signing key")
	if srv.fetches.Load() != 2 || strings.Contains(logs.String(), "ERROR ") {
		t.Errorf("%d fetches, log:\n%s\nwant the refetch done and nothing logged", srv.fetches.Load(), logs.String())
	}
}

func TestNew_keySetOptions(t *testing.T) {
	srv := newJWKSServer(t, newEdKey(t, "k1"))
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	tests := []struct {
		name       string
		opts       jwt.Options
		wantPrefix string
	}{
		{"key_and_set", jwt.Options{Key: hmacKey, KeySetURL: srv.URL}, "jwt: Key: "},
		{"neither", jwt.Options{}, "jwt: Key: "},
		{"relative_url", jwt.Options{KeySetURL: "/jwks.json"}, "jwt: KeySetURL: "},
		{"ftp_url", jwt.Options{KeySetURL: "ftp://issuer.example/jwks"}, "jwt: KeySetURL: "},
		{"unreachable_at_start", jwt.Options{KeySetURL: dead.URL}, "jwt: KeySetURL: "},
		{"negative_cooldown", jwt.Options{KeySetURL: srv.URL, RefreshCooldown: -time.Second}, "jwt: RefreshCooldown: "},
		{"negative_interval", jwt.Options{KeySetURL: srv.URL, RefreshInterval: -time.Second}, "jwt: RefreshInterval: "},
		{"negative_leeway", jwt.Options{Key: hmacKey, Leeway: -time.Second}, "jwt: Leeway: "},
		{"short_secret", jwt.Options{Key: []byte("short")}, "jwt: Key: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := jwt.New(tt.opts)
			if err == nil {
				v.Close()
				t.Fatal("accepted")
			}
			if !strings.HasPrefix(err.Error(), tt.wantPrefix) {
				t.Errorf("error %q, want it to start %q", err, tt.wantPrefix)
			}
			if verr := tt.opts.Validate(); tt.name != "unreachable_at_start" && (verr == nil || verr.Error() != err.Error()) {
				t.Errorf("Validate() = %v, want New's error %v", verr, err)
			}
		})
	}
}

// TestKeySet_closeStopsRefresh: the background refresh of a key set ends
// with Close; no goroutine of the Verifier outlives it.
func TestKeySet_closeStopsRefresh(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	k1 := newEdKey(t, "k1")
	srv := newJWKSServer(t, k1)
	v, err := jwt.New(jwt.Options{KeySetURL: srv.URL, RefreshInterval: time.Millisecond, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(context.Background(), k1.token(t, true)); err != nil {
		t.Fatal(err)
	}
	v.Close()
	srv.Close()
}
