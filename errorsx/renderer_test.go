package errorsx_test

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

func TestNegotiation(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true})
	srv := serve(t, rd, func(*http.Request) error { return errorsx.NotFound("no widget 7") })
	tests := []struct {
		accept []string
		want   string
	}{
		{nil, "application/problem+json"},
		{[]string{"*/*"}, "application/problem+json"},
		{[]string{"application/json"}, "application/json"},
		{[]string{"Application/JSON"}, "application/json"},
		{[]string{"application/problem+json"}, "application/problem+json"},
		{[]string{"application/json", "application/problem+json"}, "application/problem+json"},
		{[]string{"application/json, application/problem+json"}, "application/problem+json"},
		{[]string{"application/json;q=0.9, application/problem+json;q=0.8"}, "application/json"},
		{[]string{"application/problem+xml"}, "application/problem+xml"},
		{[]string{"application/problem+xml, application/problem+json;q=0.5"}, "application/problem+xml"},
		{[]string{"application/problem+xml;q=0.5", "application/problem+json"}, "application/problem+json"},
		{[]string{"text/html"}, "application/problem+json"},
		{[]string{"application/*"}, "application/problem+json"},
		{[]string{"application/json;q=0"}, "application/problem+json"},
		{[]string{"application/json;q=garbage"}, "application/problem+json"},
		{[]string{",,,;;;"}, "application/problem+json"},
		{[]string{strings.Repeat("a/b;q=0.1, ", 2000)}, "application/problem+json"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.accept), func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
			for _, a := range tt.accept {
				req.Header.Add("Accept", a)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("status %d, never 406", resp.StatusCode)
			}
			if got := resp.Header.Get("Content-Type"); got != tt.want {
				t.Errorf("Content-Type %q, want %q", got, tt.want)
			}
			if len(body) == 0 {
				t.Error("empty body")
			}
			if resp.Header.Get("Vary") != "Accept" {
				t.Errorf("Vary %q", resp.Header.Get("Vary"))
			}
			if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("nosniff missing")
			}
		})
	}
}

func TestHeadHasHeadersButNoBody(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true})
	srv := serve(t, rd, func(*http.Request) error {
		return errorsx.Unauthorized("Send a bearer token.", errorsx.Challenge{Scheme: "Bearer", Params: []errorsx.Param{{Name: "realm", Value: "api"}}})
	})
	resp, err := http.Head(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 401 || len(body) != 0 {
		t.Fatalf("status %d, body %q", resp.StatusCode, body)
	}
	if resp.Header.Get("WWW-Authenticate") != `Bearer realm="api"` || resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("headers %v", resp.Header)
	}
}

func TestCacheControlFromCatalog(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true})
	tests := []struct {
		p    *errorsx.Problem
		want string
	}{
		{withRequiredHeaders(errorsx.New(401, "")), "no-store"},
		{errorsx.Forbidden(""), "no-store"},
		{errorsx.New(428, ""), "no-store"},
		{errorsx.TooManyRequests(time.Second, ""), "no-store"},
		{errorsx.New(431, ""), "no-store"},
		{errorsx.MethodNotAllowed("PUT", "GET"), "no-cache"},
		{errorsx.NotFound(""), ""},
		{errorsx.NotFound("").WithHeader("Cache-Control", "max-age=60"), "max-age=60"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.p.Status), func(t *testing.T) {
			rec := httptest.NewRecorder()
			rd.Write(rec, httptest.NewRequest("GET", "/", nil), tt.p)
			if got := rec.Header().Get("Cache-Control"); got != tt.want {
				t.Errorf("Cache-Control %q, want %q", got, tt.want)
			}
			if rec.Header().Get("Expires") != "" {
				t.Error("Expires set")
			}
		})
	}
}

// Standards item 21: 428, 429 and 431 must not be stored. A Cache-Control
// that earlier code left on the response (a middleware's "public,
// max-age=60" meant for successes) survives into no problem; only the
// problem's own Cache-Control replaces the catalog's.
func TestCatalogCacheControlOverridesTheResponses(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true})
	tests := []struct {
		p    *errorsx.Problem
		want string
	}{
		{errorsx.New(428, ""), "no-store"},
		{errorsx.TooManyRequests(1, ""), "no-store"},
		{errorsx.New(431, ""), "no-store"},
		{errorsx.Forbidden(""), "no-store"},
		{errorsx.TooManyRequests(1, "").WithHeader("Cache-Control", "private, no-cache"), "private, no-cache"},
		{errorsx.NotFound(""), ""},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		rec.Header().Set("Cache-Control", "public, max-age=60")
		rd.Write(rec, httptest.NewRequest("GET", "/", nil), tt.p)
		if got := strings.Join(rec.Header().Values("Cache-Control"), ", "); got != tt.want {
			t.Errorf("%d: Cache-Control %q, want %q", tt.p.Status, got, tt.want)
		}
	}
}

func TestServerErrorsHideTheirCause(t *testing.T) {
	logger, logs := logBuffer()
	rd := errorsx.NewRenderer(errorsx.Options{Logger: logger, LogEvery: -1}) // the same cause, logged each time
	cause := errors.New("pq: password authentication failed for user \"admin\" at /srv/app/db.go:42")
	tests := []struct {
		name string
		err  error
	}{
		{"plain error", cause},
		{"wrapped problem", fmt.Errorf("loading: %w", errorsx.New(500, "db.go:42 exploded").WithCause(cause))},
		{"InternalServerError", errorsx.InternalServerError(cause)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs.Reset()
			rec := httptest.NewRecorder()
			rd.Write(rec, httptest.NewRequest("GET", "/x?token=secret", nil), tt.err)
			body := rec.Body.String()
			if rec.Code != 500 {
				t.Fatalf("status %d", rec.Code)
			}
			for _, leak := range []string{"password", ".go:", "/srv", "goroutine", "exploded"} {
				if strings.Contains(body, leak) {
					t.Errorf("body leaks %q: %s", leak, body)
				}
			}
			if !strings.Contains(logs.String(), "password authentication failed") {
				t.Errorf("cause not logged: %s", logs.String())
			}
			if strings.Contains(logs.String(), "token=secret") {
				t.Errorf("query logged: %s", logs.String())
			}
		})
	}
}

func TestPublicServerDetailsAreKept(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true})
	rec := httptest.NewRecorder()
	rd.Write(rec, httptest.NewRequest("BREW", "/", nil), errorsx.NotImplemented("BREW"))
	if !strings.Contains(rec.Body.String(), `"detail":"The method \"BREW\" is not implemented by this server."`) {
		t.Errorf("body %s", rec.Body)
	}
	rec = httptest.NewRecorder()
	rd.Write(rec, httptest.NewRequest("GET", "/", nil), errorsx.ServiceUnavailable(1500*time.Millisecond, errors.New("redis down")))
	if rec.Code != 503 || rec.Header().Get("Retry-After") != "2" || strings.Contains(rec.Body.String(), "redis") {
		t.Errorf("503: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
}

// startedWriter is a writer that reports its response has begun.
type startedWriter struct{ http.ResponseWriter }

func (startedWriter) Started() bool                 { return true }
func (s startedWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

type unwrapper struct{ http.ResponseWriter }

func (u unwrapper) Unwrap() http.ResponseWriter { return u.ResponseWriter }

func TestStartedResponseIsNotWrittenTwice(t *testing.T) {
	logger, logs := logBuffer()
	rd := errorsx.NewRenderer(errorsx.Options{Logger: logger})
	rec := httptest.NewRecorder()
	rec.WriteString("partial")
	func() {
		defer func() {
			if v := recover(); v != http.ErrAbortHandler {
				t.Errorf("recovered %v, want http.ErrAbortHandler", v)
			}
		}()
		rd.Write(unwrapper{startedWriter{rec}}, httptest.NewRequest("GET", "/", nil), errorsx.NotFound(""))
	}()
	if rec.Body.String() != "partial" || rec.Header().Get("Content-Type") == "application/problem+json" {
		t.Errorf("wrote into a started response: %q %v", rec.Body, rec.Header())
	}
	if !strings.Contains(logs.String(), "already started") {
		t.Errorf("not logged: %s", logs)
	}
}

func TestMissingRequiredHeader(t *testing.T) {
	for _, status := range []int{401, 405, 407, 426, 429} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			logger, logs := logBuffer()
			rec := httptest.NewRecorder()
			errorsx.NewRenderer(errorsx.Options{Logger: logger}).Write(rec, httptest.NewRequest("GET", "/", nil), errorsx.New(status, ""))
			if rec.Code != status || !strings.Contains(logs.String(), "without required header") {
				t.Errorf("status %d, logs %s", rec.Code, logs)
			}
			defer func() {
				if recover() == nil {
					t.Error("Strict did not panic")
				}
			}()
			errorsx.NewRenderer(errorsx.Options{Strict: true}).Write(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), errorsx.New(status, ""))
		})
	}
}

func TestUnregisteredStatus(t *testing.T) {
	tests := []struct{ in, want int }{
		{200, 500}, {302, 500}, {0, 500}, {-1, 500}, {600, 500}, {99999, 500},
		{418, 400}, {499, 400}, {420, 400}, {599, 500},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.in), func(t *testing.T) {
			logger, logs := logBuffer()
			rec := httptest.NewRecorder()
			errorsx.NewRenderer(errorsx.Options{Logger: logger}).Write(rec, httptest.NewRequest("GET", "/", nil), errorsx.New(tt.in, "x"))
			var doc struct{ Status int }
			_ = json.Unmarshal(rec.Body.Bytes(), &doc)
			if rec.Code != tt.want || doc.Status != tt.want {
				t.Errorf("status %d / body %d, want %d", rec.Code, doc.Status, tt.want)
			}
			if !strings.Contains(logs.String(), "unregistered status") {
				t.Errorf("not logged: %s", logs)
			}
		})
	}
}

func TestExtensionMembers(t *testing.T) {
	logger, logs := logBuffer()
	rd := errorsx.NewRenderer(errorsx.Options{Logger: logger})
	p := errorsx.NotFound("gone fishing").
		With("balance", 30).
		With("accounts", []string{"/account/1"}).
		With("status", 200).       // collides: dropped
		With("detail", "hijack").  // collides: dropped
		With("broken", func() {}). // cannot be encoded: dropped
		With("nan", math.NaN()).   // cannot be encoded: dropped
		With("raw", json.RawMessage(`{"a":[1,2]}`)).
		With("badraw", json.RawMessage(`{"a":`)). // invalid JSON: dropped
		With("names", []string{"x", "y"}).With("ok", true).With("count", int64(3))
	rec := httptest.NewRecorder()
	rd.Write(rec, httptest.NewRequest("GET", "/", nil), p)
	var doc map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("invalid JSON %s: %v", rec.Body, err)
	}
	if doc["balance"] != float64(30) || doc["status"] != float64(404) || doc["detail"] != "gone fishing" ||
		fmt.Sprint(doc["raw"], doc["names"], doc["ok"], doc["count"]) != "map[a:[1 2]] [x y] true 3" {
		t.Errorf("doc %v", doc)
	}
	if _, nested := doc["extensions"]; nested {
		t.Error("extensions nested")
	}
	for _, dropped := range []string{"broken", "nan", "badraw"} {
		if _, ok := doc[dropped]; ok {
			t.Errorf("%s written", dropped)
		}
	}
	if strings.Count(logs.String(), "member dropped") != 5 {
		t.Errorf("logs %s", logs)
	}
}

func TestFieldErrorsAndEscaping(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true})
	p := errorsx.UnprocessableContent("2 fields are invalid",
		errorsx.FieldError{Detail: "must be one of: red, green, blue", Pointer: "#/profile/color", Code: "oneof"},
		errorsx.FieldError{Detail: "bad \"quote\" <script>\u2028\x01\xff", Parameter: "limit", Code: "max"},
	)
	rec := httptest.NewRecorder()
	rd.Write(rec, httptest.NewRequest("POST", "/", nil), p)
	var doc struct {
		Title  string
		Errors []errorsx.FieldError
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("%v: %s", err, rec.Body)
	}
	if doc.Title != "Unprocessable Content" || len(doc.Errors) != 2 || doc.Errors[0].Pointer != "#/profile/color" || doc.Errors[1].Parameter != "limit" {
		t.Errorf("doc %+v", doc)
	}
	if doc.Errors[1].Detail != "bad \"quote\" <script>\u2028\x01\ufffd" {
		t.Errorf("detail round trip %q", doc.Errors[1].Detail)
	}
	if strings.Contains(rec.Body.String(), "<script>") {
		t.Error("< not escaped")
	}
}

func TestTitlesAndTypes(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://example.com/p/", Strict: true})
	tests := []struct {
		name       string
		p          *errorsx.Problem
		typ, title string
	}{
		{"catalog default", errorsx.ContentTooLarge(10), "https://example.com/p/content-too-large", "Content Too Large"},
		{"about:blank forces reason phrase", errorsx.New(422, "").WithType("about:blank").WithTitle("Nope"), "about:blank", "Unprocessable Content"},
		{"custom type keeps its title", errorsx.New(403, "").WithType("https://example.com/out-of-credit").WithTitle("Out of credit"), "https://example.com/out-of-credit", "Out of credit"},
		{"custom type without title", errorsx.New(409, "").WithType("tag:example.com,2026:dup"), "tag:example.com,2026:dup", "Conflict"},
		{"documented 5xx", errorsx.InternalServerError(nil), "https://example.com/p/internal-server-error", "Internal Server Error"},
		{"undocumented 5xx stays about:blank", errorsx.New(507, ""), "about:blank", "Insufficient Storage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			rd.Write(rec, httptest.NewRequest("GET", "/", nil), tt.p)
			var doc struct{ Type, Title string }
			_ = json.Unmarshal(rec.Body.Bytes(), &doc)
			if doc.Type != tt.typ || doc.Title != tt.title {
				t.Errorf("got %q %q, want %q %q", doc.Type, doc.Title, tt.typ, tt.title)
			}
		})
	}
}

var errNoRows = errors.New("sql: no rows in result set")

func TestMapHookAndDefaults(t *testing.T) {
	var observed []int
	rd := errorsx.NewRenderer(errorsx.Options{
		Map: func(err error) *errorsx.Problem {
			if errors.Is(err, errNoRows) {
				return errorsx.NotFound("No such widget.")
			}
			return nil
		},
		Observe: func(_ *http.Request, o errorsx.Observation) { observed = append(observed, o.Status) },
	})
	tests := []struct {
		err  error
		want int
	}{
		{fmt.Errorf("get widget: %w", errNoRows), 404},
		{&http.MaxBytesError{Limit: 10}, 413},
		{errors.New("boom"), 500},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		rd.Write(rec, httptest.NewRequest("GET", "/", nil), tt.err)
		if rec.Code != tt.want {
			t.Errorf("%v: status %d, want %d", tt.err, rec.Code, tt.want)
		}
	}
	rd.Write(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), nil)
	if fmt.Sprint(observed) != "[404 413 500]" {
		t.Errorf("observed %v", observed)
	}
}

func TestHandlerAdapter(t *testing.T) {
	h := errorsx.NewRenderer(errorsx.Options{Strict: true}).Handler(func(w http.ResponseWriter, r *http.Request) error {
		if r.URL.Path == "/ok" {
			_, err := io.WriteString(w, "fine")
			return err
		}
		return errorsx.Forbidden("You may not.")
	})
	for path, want := range map[string]int{"/ok": 200, "/no": 403} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != want {
			t.Errorf("%s: %d", path, rec.Code)
		}
	}
}

func TestVaryIsMerged(t *testing.T) {
	rec := httptest.NewRecorder()
	rec.Header().Set("Vary", "Origin")
	errorsx.NewRenderer(errorsx.Options{}).Write(rec, httptest.NewRequest("GET", "/", nil), errorsx.NotFound(""))
	if got := rec.Header().Values("Vary"); fmt.Sprint(got) != "[Origin Accept]" {
		t.Errorf("Vary %v", got)
	}
}

func TestErrorsIsAs(t *testing.T) {
	cause := errors.New("root")
	err := fmt.Errorf("ctx: %w", errorsx.NotFound("x").WithCause(cause))
	var p *errorsx.Problem
	if !errors.As(err, &p) || p.Status != 404 {
		t.Fatal("As")
	}
	if !errors.Is(err, cause) {
		t.Error("Is does not reach the cause")
	}
	if errors.Is(err, errorsx.New(404, "")) {
		t.Error("problems compare by identity only: test them with errors.As and their fields")
	}
	if p.Error() != "404 Not Found: x: root" {
		t.Errorf("Error() %q", p.Error())
	}
}

func TestDelaySeconds(t *testing.T) {
	for d, want := range map[time.Duration]int64{0: 1, -time.Second: 1, time.Nanosecond: 1, 400 * time.Millisecond: 1, time.Second: 1, 1001 * time.Millisecond: 2, 59 * time.Second: 59} {
		if got := errorsx.DelaySeconds(d); got != want {
			t.Errorf("%v: %d, want %d", d, got, want)
		}
	}
}

func TestRenderHasNoSideEffects(t *testing.T) {
	logger, logs := logBuffer()
	observed := 0
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "/problems/", Logger: logger, Observe: func(*http.Request, errorsx.Observation) { observed++ }})
	status, h, body := rd.Render(httptest.NewRequest("GET", "/", nil), errorsx.MethodNotAllowed("PUT", "GET", "HEAD"))
	if status != 405 || h.Get("Allow") != "GET, HEAD" || h.Get("Content-Type") != "application/problem+json" || !strings.Contains(string(body), `"type":"/problems/method-not-allowed"`) {
		t.Errorf("%d %v %s", status, h, body)
	}
	_, _, head := rd.Render(httptest.NewRequest("HEAD", "/", nil), errorsx.NotFound(""))
	if observed != 0 || logs.Len() != 0 || len(head) != 0 {
		t.Errorf("side effects: observed %d, logs %q, HEAD body %q", observed, logs, head)
	}
	if rd.TypeBase() != "/problems/" {
		t.Error("TypeBase")
	}
}

func TestNotImplementedCapsTheEchoedMethod(t *testing.T) {
	p := errorsx.NotImplemented(strings.Repeat("X", 10000))
	if len(p.Detail) > 200 || !strings.Contains(p.Detail, strings.Repeat("X", 64)+"…") {
		t.Errorf("detail %d bytes: %.100s", len(p.Detail), p.Detail)
	}
}

// appendXMLText must escape exactly like encoding/xml, so the document
// stays well-formed whatever the text holds.
func TestMethodNotAllowedCapsTheEchoedMethod(t *testing.T) {
	p := errorsx.MethodNotAllowed(strings.Repeat("X", 10000), "GET", "HEAD")
	if len(p.Detail) > 200 || !strings.Contains(p.Detail, strings.Repeat("X", 64)+"…") || p.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("detail %d bytes: %.100s", len(p.Detail), p.Detail)
	}
}

func TestXMLTextMatchesEncodingXML(t *testing.T) {
	for _, s := range []string{"plain", `<a href="x">&'</a>`, "tab\tnl\ncr\r", "nul\x00 bell\x07 \x7f", "bad \xff utf8", "\ufffe\uffff", "über 😀"} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Accept", "application/problem+xml")
		errorsx.NewRenderer(errorsx.Options{}).Write(rec, req, errorsx.NotFound(s))
		var want strings.Builder
		_ = xml.EscapeText(&want, []byte(s))
		if !strings.Contains(rec.Body.String(), "<detail>"+want.String()+"</detail>") {
			t.Errorf("%q: %s, want detail %s", s, rec.Body, want.String())
		}
	}
}

// A handler that set a content coding and then failed must not label the
// renderer's plain problem document with it.
func TestStaleContentHeadersAreDropped(t *testing.T) {
	rec := httptest.NewRecorder()
	rec.Header().Set("Content-Encoding", "gzip")
	rec.Header().Set("Content-Length", "12345")
	errorsx.NewRenderer(errorsx.Options{}).Handler(func(http.ResponseWriter, *http.Request) error {
		return errors.New("compression pipeline failed")
	}).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Header().Get("Content-Encoding") != "" || rec.Header().Get("Content-Length") != "" {
		t.Errorf("stale headers kept: %v", rec.Header())
	}
	if !json.Valid(rec.Body.Bytes()) {
		t.Errorf("body %q", rec.Body)
	}
}
