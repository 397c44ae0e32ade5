package errorsx_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/render.golden.gz from the current renderer")

// goldenProblems are problems of every shape the renderer writes, built
// afresh for each response.
func goldenProblems() []struct {
	name string
	make func() error
} {
	type entry = struct {
		name string
		make func() error
	}
	return []entry{
		{"404", func() error { return errorsx.NotFound("No widget with id 7 exists.") }},
		{"404-suite", func() error { return errorsx.NotFound(errorsx.NotFoundDetail) }},
		{"404-empty-detail", func() error { return errorsx.NotFound("") }},
		{"404-escapes", func() error {
			return errorsx.NotFound("quote \" backslash \\ <b>&amp;</b> tab\t nl\n cr\r nul\x00 del\x7f é ✓ 🙂 \u2028\u2029 bad\xff\xfe end")
		}},
		{"404-instance", func() error { return errorsx.NotFound("gone").WithInstance("/v1/widgets/7#occurrence") }},
		{"404-cause", func() error { return errorsx.NotFound("no row").WithCause(errors.New("sql: no rows")) }},
		{"400-type-title", func() error {
			return errorsx.BadRequest("bad cursor").WithType("https://example.com/probs/cursor").WithTitle("Bad cursor")
		}},
		{"400-type-only", func() error { return errorsx.BadRequest("x").WithType("https://example.com/probs/x") }},
		{"400-about-blank-title", func() error { return errorsx.BadRequest("x").WithType("about:blank").WithTitle("Ignored") }},
		{"401", func() error {
			return errorsx.Unauthorized("Send a bearer token.",
				errorsx.Challenge{Scheme: "Bearer", Params: []errorsx.Param{{Name: "realm", Value: "api"}, {Name: "error", Value: "invalid_token"}}})
		}},
		{"401-no-challenge", func() error { return errorsx.Unauthorized("no challenge") }},
		{"403", func() error { return errorsx.Forbidden("not yours") }},
		{"405", func() error { return errorsx.MethodNotAllowed("PATCH", "GET", "HEAD") }},
		{"409-extensions", func() error {
			return errorsx.Conflict("locked").
				With("holder", "ana").With("ids", []string{"a", "<b>"}).With("n", 3).With("big", int64(1)<<40).
				With("ok", true).With("raw", json.RawMessage(`{"a":[1,2]}`)).With("bad_raw", json.RawMessage(`{`)).
				With("obj", map[string]int{"z": 1, "a": 2}).With("st", struct {
				X int `json:"x"`
			}{4}).With("title", "reserved").With("errors", "reserved").With("f", 1.5).With("ch", make(chan int))
		}},
		{"412", func() error { return errorsx.PreconditionFailed("etag changed") }},
		{"413", func() error { return errorsx.ContentTooLarge(1 << 20) }},
		{"415", func() error { return errorsx.UnsupportedMediaType("send JSON", "application/json", "application/cbor") }},
		{"422", func() error {
			return errorsx.UnprocessableContent("5 fields are invalid.",
				errorsx.FieldError{Detail: "is required", Pointer: "#/name", Code: "required"},
				errorsx.FieldError{Detail: "must be one of: red, green, blue", Pointer: "#/color", Code: "oneof", Value: "pink"},
				errorsx.FieldError{Detail: "must be at most 1000", Pointer: "#/quantity", Code: "lte", Value: 1001},
				errorsx.FieldError{Detail: "bad header", Header: "X-Request-Id"},
				errorsx.FieldError{Detail: "bad <param>", Parameter: "limit", Value: make(chan int)},
			)
		}},
		{"429", func() error {
			return errorsx.TooManyRequests(1500*time.Millisecond, "Too many requests; retry in 2 s.").
				WithHeader("RateLimit-Policy", `"default";q=10;w=2`).
				WithHeader("RateLimit", `"default";r=0;t=2`).
				With("violated_policies", []string{"default"})
		}},
		{"429-own-cache-control", func() error {
			return errorsx.TooManyRequests(time.Second, "slow down").WithHeader("Cache-Control", "private, max-age=1")
		}},
		{"429-content-length", func() error {
			return errorsx.TooManyRequests(time.Second, "x").WithHeader("Content-Length", "99").WithHeader("Content-Encoding", "gzip")
		}},
		{"500", func() error { return errorsx.InternalServerError(errors.New("db password is hunter2")) }},
		{"500-plain-error", func() error { return errors.New("plain failure") }},
		{"500-wrapped-problem", func() error { return fmt.Errorf("wrapped: %w", errorsx.Gone("moved away")) }},
		{"413-max-bytes", func() error { return &http.MaxBytesError{Limit: 512} }},
		{"501", func() error { return errorsx.NotImplemented("BREW") }},
		{"503", func() error { return errorsx.ServiceUnavailable(3*time.Second, errors.New("redis down")) }},
		{"503-public", func() error {
			return errorsx.ServiceUnavailable(time.Minute, nil).WithPublicDetail("Down for maintenance until 14:00 UTC.")
		}},
		{"503-public-changed", func() error {
			p := errorsx.ServiceUnavailable(time.Minute, nil).WithPublicDetail("public")
			p.Detail = "internal host 10.0.0.7"
			return p
		}},
		{"504-public-then-cause", func() error {
			return errorsx.New(http.StatusGatewayTimeout, "").WithPublicDetail("upstream slow").WithCause(errors.New("timeout"))
		}},
		{"499-unregistered", func() error { return errorsx.New(499, "client closed") }},
		{"418", func() error { return errorsx.New(http.StatusTeapot, "short and stout") }},
		{"200-invalid", func() error { return errorsx.New(http.StatusOK, "not an error") }},
		{"typed-standard", func() error { return errorsx.OfType("conflict", "typed conflict") }},
		{"typed-unknown", func() error { return errorsx.OfType("no-such-type", "x") }},
		{"prepared-404", func() error { return errorsx.Prepare(errorsx.NotFound("prepared <404>")) }},
		{"prepared-429", func() error {
			return errorsx.Prepare(errorsx.TooManyRequests(time.Second, "prepared").With("violated_policies", []string{"default"}))
		}},
	}
}

// goldenAccepts are the Accept lines of the requests, nil for none.
var goldenAccepts = [][]string{
	nil,
	{""},
	{"application/json"},
	{"*/*"},
	{"application/problem+json"},
	{"application/problem+xml"},
	{"application/xml"},
	{"text/html"},
	{"application/*"},
	{"Application/JSON"},
	{" application/json"},
	{"application/json "},
	{"application/json;q=0"},
	{"application/json;q=0.5, application/problem+xml"},
	{"application/json, */*"},
	{"application/json", "application/problem+xml"},
	{"application/problem+xml;q=0.5", "application/problem+json"},
	{"application/json;charset=utf-8"},
	{"text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8"},
}

// goldenPresets are header fields a handler set before the problem was
// written.
var goldenPresets = []http.Header{
	nil,
	{"Vary": {"Origin"}, "Etag": {`"v1"`}, "Cache-Control": {"max-age=60"}, "X-Request-Id": {"r-1"}},
	{"Vary": {"accept-encoding, Accept"}, "Content-Length": {"12"}, "Content-Type": {"text/plain"}},
}

// renderGolden writes every problem for every request shape through w and
// Render, in a text form that a byte comparison checks.
func renderGolden(t *testing.T) []byte {
	var out, logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			return a
		},
	}))
	observe := func(_ *http.Request, o errorsx.Observation) {
		fmt.Fprintf(&logs, "observed status=%d type=%s cause=%v\n", o.Status, o.Type, o.Cause)
	}
	renderers := []struct {
		name string
		rd   *errorsx.Renderer
	}{
		{"zero", errorsx.NewRenderer(errorsx.Options{Logger: logger, LogEvery: -1})},
		{"typed", errorsx.NewRenderer(errorsx.Options{
			TypeBase: "https://api.example.com/problems/",
			Instance: func(r *http.Request) string { return "urn:request:" + r.URL.Path },
			Logger:   logger,
			LogEvery: -1,
			Observe:  observe,
		})},
	}
	for _, rc := range renderers {
		for _, pc := range goldenProblems() {
			for ai, accept := range goldenAccepts {
				for _, method := range []string{http.MethodGet, http.MethodHead} {
					for pi, preset := range goldenPresets {
						if (method == http.MethodHead || pi > 0) && ai > 5 {
							continue // the Accept lines are covered by GET on an untouched response
						}
						req := httptest.NewRequest(method, "/v1/widgets/7", nil)
						for _, a := range accept {
							req.Header.Add("Accept", a)
						}
						w := httptest.NewRecorder()
						for k, v := range preset {
							w.Header()[k] = slices.Clone(v)
						}
						rc.rd.Write(w, req, pc.make())
						fmt.Fprintf(&out, "=== %s %s %s accept=%q preset=%d\n", rc.name, pc.name, method, accept, pi)
						writeResponse(&out, w.Code, w.Header(), w.Body.Bytes())
						out.WriteString("--- log\n")
						out.Write(logs.Bytes())
						logs.Reset()
						if pi == 0 {
							status, header, body := rc.rd.Render(req, pc.make())
							out.WriteString("--- Render\n")
							writeResponse(&out, status, header, body)
						}
					}
				}
			}
		}
	}
	return out.Bytes()
}

func writeResponse(out *bytes.Buffer, status int, h http.Header, body []byte) {
	fmt.Fprintf(out, "%d\n", status)
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range h {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(out, "%s: %q\n", k, h[k])
	}
	out.Write(body)
	out.WriteString("\n")
}

// Every response — status, header fields, body bytes, log lines and
// observations — is the one
// recorded in testdata/render.golden.gz, for problems of every shape, Accept
// lines of every kind, GET and HEAD, and header fields set beforehand.
// The file was written by the renderer before its encoding was optimized;
// regenerate it with -update only for an intended change of output.
func TestRenderMatchesGolden(t *testing.T) {
	got := renderGolden(t)
	const path = "testdata/render.golden.gz"
	if *updateGolden {
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		_, _ = zw.Write(got)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, gz.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	want, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("line %d differs:\n got %s\nwant %s", i+1, g[i], w[i])
			}
		}
		t.Fatalf("output has %d lines, want %d", len(g), len(w))
	}
}
