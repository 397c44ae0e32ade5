package auth_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
)

// secretBackendText is the text of a verifier failure; it must reach neither
// a response nor a log.
const secretBackendText = "dial tcp 10.0.0.7:5432: password=hunter2"

// tokens is a static bearer verifier for tests.
func tokens(_ context.Context, token string) (*auth.Identity, error) {
	switch token {
	case "good":
		return &auth.Identity{Subject: "alice", Scopes: []string{"read", "write"}, Roles: []string{"admin"}}, nil
	case "readonly":
		return &auth.Identity{Subject: "bob", Scopes: []string{"read"}}, nil
	case "expired":
		return nil, &auth.InvalidCredentialsError{Description: "token expired", Detail: "The access token expired; obtain a new one."}
	case "quote":
		return nil, auth.Invalid("bad \"quoted\" \\ desc\r\nX-Injected: 1")
	case "boom":
		return nil, errors.New(secretBackendText)
	case "down":
		return nil, fmt.Errorf("%w: %s", auth.ErrUnavailable, secretBackendText)
	}
	return nil, auth.Invalid("unknown token")
}

// newRenderer returns a Strict renderer logging everything into the
// returned buffer, which the suite's secret hygiene check reads too.
func newRenderer() (*errorsx.Renderer, capturedLogs) {
	logger, logs := captureLogs()
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://errors.example/", Strict: true, Logger: logger})
	return rd, logs
}

// whoami answers 200 with the subject and scheme of the identity, or
// "anonymous".
var whoami = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	if id, ok := auth.FromContext(r.Context()); ok {
		fmt.Fprintf(w, "%s via %s", id.Subject, id.Scheme)
		return
	}
	io.WriteString(w, "anonymous")
})

type response struct {
	status int
	header http.Header
	body   string
}

// do sends one request to srv and reads the whole response.
func do(t *testing.T, srv *httptest.Server, method, path string, header http.Header) response {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode == http.StatusProxyAuthRequired || res.Header.Get("Proxy-Authenticate") != "" {
		t.Errorf("%s %s: an origin middleware sent 407/Proxy-Authenticate (item 37)", method, path)
	}
	out := response{status: res.StatusCode, header: res.Header, body: string(body)}
	checkResponse(t, path, header, out)
	return out
}

// serve runs h on a real loopback server for the duration of the test.
func serve(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// authz builds a request header with the given Authorization lines.
func authz(lines ...string) http.Header { return http.Header{"Authorization": lines} }

// challenge is one parsed challenge: scheme and params in order.
type challenge struct {
	scheme string
	names  []string
	params map[string]string
}

// parseChallenge parses one WWW-Authenticate field line holding one
// challenge with auth-params (RFC 9110 §11.3), failing the test on any
// syntax error.
func parseChallenge(t *testing.T, line string) challenge {
	t.Helper()
	c := challenge{params: map[string]string{}}
	sp := strings.IndexByte(line, ' ')
	if sp < 0 {
		c.scheme = line
		return c
	}
	c.scheme = line[:sp]
	rest := line[sp+1:]
	for rest != "" {
		eq := strings.IndexByte(rest, '=')
		if eq <= 0 {
			t.Fatalf("challenge %q: parameter without '='", line)
		}
		name := strings.TrimSpace(rest[:eq])
		rest = rest[eq+1:]
		var value strings.Builder
		if !strings.HasPrefix(rest, `"`) {
			t.Fatalf("challenge %q: parameter %s not a quoted-string", line, name)
		}
		i := 1
		for ; i < len(rest) && rest[i] != '"'; i++ {
			if rest[i] == '\\' {
				i++
			}
			if i < len(rest) {
				value.WriteByte(rest[i])
			}
		}
		if i >= len(rest) {
			t.Fatalf("challenge %q: unterminated quoted-string", line)
		}
		rest = strings.TrimPrefix(strings.TrimSpace(rest[i+1:]), ",")
		rest = strings.TrimSpace(rest)
		c.names = append(c.names, name)
		c.params[strings.ToLower(name)] = value.String()
	}
	return c
}
