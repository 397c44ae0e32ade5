package errorsx_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// TestRoundTrip renders problems in each media type and decodes them back
// with FromResponse.
func TestRoundTrip(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://api.example.com/problems/", Strict: true})
	srv := serve(t, rd, func(*http.Request) error {
		return errorsx.UnprocessableContent("1 field is invalid",
			errorsx.FieldError{Detail: "is required", Pointer: "#/items/1/name", Code: "required"}).
			With("limits", map[string]any{"max": 5}).With("tags", []string{"a", "b"}).
			WithHeader("Retry-After", "7")
	})
	for _, accept := range []string{"application/problem+json", "application/json", "application/problem+xml"} {
		t.Run(accept, func(t *testing.T) {
			req, _ := http.NewRequest("GET", srv.URL, nil)
			req.Header.Set("Accept", accept)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			p, err := errorsx.FromResponse(resp)
			if err != nil {
				t.Fatal(err)
			}
			if p.Status != 422 || p.Type != "https://api.example.com/problems/unprocessable-content" || p.Title != "Unprocessable Content" || p.Detail != "1 field is invalid" {
				t.Errorf("%+v", p)
			}
			if len(p.Errors) != 1 || p.Errors[0].Pointer != "#/items/1/name" || p.Errors[0].Code != "required" {
				t.Errorf("errors %+v", p.Errors)
			}
			if tags, _ := p.Extensions["tags"].([]any); len(tags) != 2 || tags[1] != "b" {
				t.Errorf("tags %#v", p.Extensions["tags"])
			}
			if d, ok := p.RetryAfter(); !ok || d != 7*time.Second {
				t.Errorf("RetryAfter %v %v", d, ok)
			}
		})
	}
}

func TestXMLShape(t *testing.T) {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Accept", "application/problem+xml")
	errorsx.NewRenderer(errorsx.Options{}).Write(rec, req, errorsx.UnprocessableContent("bad <input> & more",
		errorsx.FieldError{Detail: "too long", Pointer: "#/name", Code: "max"}).With("accounts", []string{"/a/1", "/a/2"}).With("bad-name!", 1))
	want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type><title>Unprocessable Content</title><status>422</status>` +
		`<detail>bad &lt;input&gt; &amp; more</detail><errors><i><detail>too long</detail><pointer>#/name</pointer><code>max</code></i></errors>` +
		`<accounts><i>/a/1</i><i>/a/2</i></accounts><member name="bad-name!">1</member></problem>`
	if rec.Body.String() != want {
		t.Errorf("got\n%s\nwant\n%s", rec.Body, want)
	}
}

func TestFromResponseEdgeCases(t *testing.T) {
	mk := func(status int, ct, body string, h ...string) *http.Response {
		resp := &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))}
		if ct != "" {
			resp.Header.Set("Content-Type", ct)
		}
		for i := 0; i+1 < len(h); i += 2 {
			resp.Header.Set(h[i], h[i+1])
		}
		return resp
	}
	date := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name       string
		resp       *http.Response
		wantErr    bool
		wantTitle  string
		wantDetail string
		wantRetry  time.Duration
	}{
		{"wrong-typed members are ignored", mk(429, "application/problem+json", `{"title":7,"status":"429","detail":"slow down","errors":"nope"}`), false, "Too Many Requests", "slow down", -1},
		{"html from a proxy", mk(502, "text/html", "<h1>Bad Gateway</h1>"), false, "Bad Gateway", "", -1},
		{"empty body", mk(404, "", ""), false, "Not Found", "", -1},
		{"retry-after date", mk(503, "application/problem+json", `{}`, "Retry-After", date), false, "Service Unavailable", "", 90 * time.Second},
		{"retry-after garbage", mk(429, "application/problem+json", `{}`, "Retry-After", "soon"), false, "Too Many Requests", "", -1},
		{"malformed json", mk(400, "application/problem+json", `{"title":`), true, "", "", -1},
		{"xml wrong namespace", mk(400, "application/problem+xml", `<problem><title>x</title></problem>`), true, "", "", -1},
		{"charset parameter", mk(409, "application/problem+json; charset=utf-8", `{"detail":"dup"}`), false, "Conflict", "dup", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := errorsx.FromResponse(tt.resp)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v", err)
			}
			if err != nil {
				return
			}
			if p.Status != tt.resp.StatusCode || p.Title != tt.wantTitle || p.Detail != tt.wantDetail {
				t.Errorf("%+v", p)
			}
			d, ok := p.RetryAfter()
			if tt.wantRetry < 0 && ok || tt.wantRetry >= 0 && (!ok || d > tt.wantRetry || d < tt.wantRetry-2*time.Second) {
				t.Errorf("RetryAfter %v %v", d, ok)
			}
		})
	}
	if _, err := errorsx.FromResponse(mk(200, "application/json", `{}`)); !errors.Is(err, errorsx.ErrNotProblem) {
		t.Errorf("200: %v", err)
	}
}

func TestMarshalUnmarshalJSON(t *testing.T) {
	p := errorsx.New(409, "dup").WithType("tag:x,2026:dup").With("resource", "w1").WithHeader("X-Secret", "never")
	b, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"type":"tag:x,2026:dup","status":409,"detail":"dup","resource":"w1"}` {
		t.Errorf("%s", b)
	}
	var back errorsx.Problem
	if err := back.UnmarshalJSON(b); err != nil || back.Type != p.Type || back.Extensions["resource"] != "w1" {
		t.Errorf("%+v %v", back, err)
	}
}

func TestChallengeQuoting(t *testing.T) {
	tests := []struct {
		c    errorsx.Challenge
		want string
	}{
		{errorsx.Challenge{Scheme: "Basic", Params: []errorsx.Param{{"realm", "api"}, {"charset", "UTF-8"}}}, `Basic realm="api", charset="UTF-8"`},
		{errorsx.Challenge{Scheme: "Bearer", Params: []errorsx.Param{{"realm", "a\"b\\c\r\nSet-Cookie: x=1"}}}, `Bearer realm="a\"b\\cSet-Cookie: x=1"`},
		{errorsx.Challenge{Scheme: "Negotiate"}, `Negotiate`},
	}
	for _, tt := range tests {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("got %s, want %s", got, tt.want)
		}
	}
}
