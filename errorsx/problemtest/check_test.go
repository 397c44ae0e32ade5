package problemtest_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
	"github.com/fourxx/fourxx/errorsx/problemtest"
)

const typeBase = "https://api.example.com/problems/"

var rd = errorsx.NewRenderer(errorsx.Options{
	TypeBase: typeBase,
	Catalog: catalog.New(catalog.Entry{
		Slug: "order-locked", Status: 409, Title: "Order locked", Summary: "Someone else is editing the order.",
		Members: []catalog.Member{
			{Name: "holder", Type: "string", Description: "Who holds the lock", Required: true},
			{Name: "expires_in", Type: "integer", Description: "Seconds until the lock expires"},
		},
	}),
})

var checker = problemtest.Checker{Renderer: rd}

// record writes p with the renderer and returns the recorded response.
func record(p *errorsx.Problem) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	rd.Write(rec, httptest.NewRequest("GET", "/", nil), p)
	return rec
}

// raw records a response written by hand.
func raw(status int, header http.Header, body string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	for k, v := range header {
		rec.Header()[k] = v
	}
	rec.WriteHeader(status)
	_, _ = io.WriteString(rec, body)
	return rec
}

func problemJSON(extra ...string) http.Header {
	h := http.Header{"Content-Type": {"application/problem+json"}}
	for i := 0; i+1 < len(extra); i += 2 {
		h.Add(extra[i], extra[i+1])
	}
	return h
}

func rules(err error) []string {
	var out []string
	for _, v := range problemtest.Violations(err) {
		out = append(out, v.Rule)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Responses the renderer writes from well-built problems pass every check.
func TestRendererResponsesPass(t *testing.T) {
	body := []byte(`{"items":[{"name":""}],"color":"mauve"}`)
	tests := map[string]*errorsx.Problem{
		"400":         errorsx.BadRequest("The body is not valid JSON."),
		"401":         errorsx.Unauthorized("No token.", errorsx.Challenge{Scheme: "Bearer", Params: []errorsx.Param{{Name: "realm", Value: "api"}}}),
		"404":         errorsx.NotFound(errorsx.NotFoundDetail),
		"405":         errorsx.MethodNotAllowed("PATCH", "GET", "HEAD"),
		"409":         errorsx.OfType("order-locked", "Order 7 is being edited.").With("holder", "ann").With("expires_in", 90),
		"413":         errorsx.ContentTooLarge(1 << 20),
		"422":         errorsx.UnprocessableContent("2 invalid fields.", errorsx.FieldError{Detail: "is required", Pointer: "#/items/0/name", Code: "required"}, errorsx.FieldError{Detail: "no such color", Pointer: "#/color", Code: "oneof"}, errorsx.FieldError{Detail: "is required", Pointer: "#/size", Code: "required"}),
		"429":         errorsx.TooManyRequests(3*time.Second, "Slow down."),
		"500":         errorsx.InternalServerError(errors.New("dial tcp 10.0.0.7:5432: connection refused")),
		"503":         errorsx.ServiceUnavailable(5*time.Second, errors.New("redis: i/o timeout")),
		"xml":         errorsx.NotFound("No widget 7."),
		"xml 422":     errorsx.UnprocessableContent("1 invalid field.", errorsx.FieldError{Detail: "is required", Pointer: "#/items/0/name", Code: "required"}),
		"xml 409":     errorsx.OfType("order-locked", "Order 7 is being edited.").With("holder", "ann").With("expires_in", 90),
		"empty Allow": errorsx.MethodNotAllowed("GET"),
		"json":        errorsx.NotFound("No widget 7."),
	}
	for name, p := range tests {
		t.Run(name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			switch name {
			case "xml", "xml 422", "xml 409":
				req.Header.Set("Accept", "application/problem+xml")
			case "json":
				req.Header.Set("Accept", "application/json")
			}
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { rd.Write(w, r, p) }))
			defer srv.Close()
			out, _ := http.NewRequest("GET", srv.URL, nil)
			out.Header = req.Header
			res, err := srv.Client().Do(out)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			checker.Assert(t, res, body)
			if b, _ := io.ReadAll(res.Body); len(b) == 0 {
				t.Error("Check did not leave the body in place")
			}
		})
	}
}

// Each defect of a hand-written or mis-built error response is reported
// under its rule.
func TestDefectsAreReported(t *testing.T) {
	reqBody := []byte(`{"items":[{"name":"x"}]}`)
	tests := []struct {
		name string
		rec  *httptest.ResponseRecorder
		want []string
	}{
		{"plain text from http.Error", func() *httptest.ResponseRecorder {
			rec := httptest.NewRecorder()
			http.Error(rec, "not found", 404)
			return rec
		}(), []string{"body", "media-type"}},
		{"success status", raw(200, problemJSON(), `{}`), []string{"status"}},
		{"media type with parameters", raw(404, http.Header{"Content-Type": {"application/problem+json; charset=utf-8"}}, `{"type":"about:blank","title":"Not Found","status":404}`), []string{"media-type"}},
		{"status member differs", raw(404, problemJSON(), `{"type":"about:blank","title":"Not Found","status":400}`), []string{"status-member"}},
		{"no status member", raw(404, problemJSON(), `{"title":"Not Found"}`), []string{"status-member"}},
		{"member types", raw(404, problemJSON(), `{"type":7,"title":"Not Found","status":"404","detail":["x"]}`), []string{"member-type"}},
		{"errors list", raw(422, problemJSON(), `{"title":"Unprocessable Content","status":422,"errors":[{"pointer":3}]}`), []string{"member-type"}},
		{"about:blank title", raw(404, problemJSON(), `{"type":"about:blank","title":"Missing","status":404}`), []string{"title"}},
		{"401 without challenge", record(errorsx.New(401, "No token.")), []string{"required-header"}},
		{"405 without Allow", raw(405, problemJSON(), `{"title":"Method Not Allowed","status":405}`), []string{"required-header"}},
		{"429 stored", raw(429, problemJSON("Retry-After", "3"), `{"title":"Too Many Requests","status":429}`), []string{"no-store"}},
		{"unknown type", raw(409, problemJSON(), `{"type":"https://api.example.com/problems/no-such","title":"Conflict","status":409}`), []string{"type"}},
		{"foreign type", raw(409, problemJSON(), `{"type":"https://elsewhere.example/p/x","title":"Conflict","status":409}`), []string{"type"}},
		{"type with another status", raw(400, problemJSON(), `{"type":"https://api.example.com/problems/order-locked","title":"Order locked","status":400,"holder":"ann"}`), []string{"type-status"}},
		{"missing required member", raw(409, problemJSON(), `{"type":"https://api.example.com/problems/order-locked","title":"Order locked","status":409}`), []string{"member"}},
		{"member of another type", raw(409, problemJSON(), `{"type":"https://api.example.com/problems/order-locked","title":"Order locked","status":409,"holder":"ann","expires_in":"soon"}`), []string{"member"}},
		{"type title changed", raw(409, problemJSON(), `{"type":"https://api.example.com/problems/order-locked","title":"Locked!","status":409,"holder":"ann"}`), []string{"title"}},
		{"pointer outside the body", record(errorsx.UnprocessableContent("x", errorsx.FieldError{Detail: "bad", Pointer: "#/items/5/name"})), []string{"pointer"}},
		{"pointer not a fragment", record(errorsx.UnprocessableContent("x", errorsx.FieldError{Detail: "bad", Pointer: "/items/0/name"})), []string{"pointer"}},
		{"internal text on a 500", raw(500, problemJSON(), `{"title":"Internal Server Error","status":500,"detail":"pq: relation \"orders\" does not exist"}`), []string{"internal-text"}},
		{"stack on a 500", raw(500, problemJSON(), `{"title":"Internal Server Error","status":500,"detail":"panic: runtime error: index out of range\n\tmain.go:12"}`), []string{"internal-text"}},
		{"XML without namespace", raw(404, http.Header{"Content-Type": {"application/problem+xml"}}, `<problem><status>404</status></problem>`), []string{"body"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checker.CheckRecorder(tt.rec, reqBody)
			if got := rules(err); !slices.Equal(got, tt.want) {
				t.Errorf("rules %v, want %v: %v", got, tt.want, err)
			}
			for _, v := range problemtest.Violations(err) {
				t.Logf("%v", v)
			}
		})
	}
}

// application/json is the renderer's answer to a client that accepts JSON
// but not problem+json, and a defect for one that accepts problem+json.
func TestPlainJSONNeedsAClientThatAsksForIt(t *testing.T) {
	body := `{"type":"about:blank","title":"Not Found","status":404}`
	for accept, want := range map[string]int{"application/json": 0, "application/problem+json, application/json": 1} {
		res := &http.Response{
			StatusCode: 404,
			Header:     http.Header{"Content-Type": {"application/json"}},
			Body:       io.NopCloser(strings.NewReader(body)),
			Request:    &http.Request{Header: http.Header{"Accept": {accept}}},
		}
		if got := len(problemtest.Violations(checker.Check(res, nil))); got != want {
			t.Errorf("Accept %q: %d violations, want %d", accept, got, want)
		}
	}
}

// goodAPI is a small API built the fourxx way: every error is a problem
// written by the renderer.
func goodAPI() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/v1/orders", handle(func(w http.ResponseWriter, r *http.Request) error {
		if r.Method != http.MethodPost {
			return errorsx.MethodNotAllowed(r.Method, http.MethodPost)
		}
		if r.Header.Get("Authorization") != "Bearer good" {
			return errorsx.Unauthorized("Send a valid bearer token.", errorsx.Challenge{Scheme: "Bearer", Params: []errorsx.Param{{Name: "realm", Value: "api"}}})
		}
		if r.Header.Get("Content-Type") != "application/json" {
			return errorsx.UnsupportedMediaType("The body must be JSON.", "application/json")
		}
		var order struct{ Name string }
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<10)).Decode(&order); err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				return err
			}
			return errorsx.BadRequest("The body is not valid JSON.")
		}
		return errorsx.OfType("order-locked", "Order 7 is being edited.").With("holder", "ann")
	}))
	mux.Handle("/", handle(func(w http.ResponseWriter, r *http.Request) error {
		return errorsx.NotFound(errorsx.NotFoundDetail)
	}))
	return mux
}

// handle writes the error fn returns with rd.
func handle(fn func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			rd.Write(w, r, err)
		}
	})
}

// brokenAPI makes the classic mistakes: http.Error, a 403 for missing
// credentials, 200 for a wrong method, and a 500 that leaks its cause.
func brokenAPI() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path != "/v1/orders":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(404)
			_, _ = io.WriteString(w, `{"error":"not found"}`)
		case r.Method != http.MethodPost:
			_, _ = io.WriteString(w, "only POST")
		case r.Header.Get("Authorization") == "":
			http.Error(w, "forbidden", http.StatusForbidden)
		case r.Header.Get("Content-Type") != "application/json":
			http.Error(w, "bad content type", http.StatusBadRequest)
		default:
			if _, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<10)); err != nil {
				w.Header().Set("Content-Type", "application/problem+json")
				w.WriteHeader(500)
				_, _ = io.WriteString(w, `{"title":"Internal Server Error","status":500,"detail":"read tcp 10.0.0.7:8080: http: request body too large"}`)
				return
			}
			http.Error(w, "invalid character '}' looking for beginning of object key string", http.StatusBadRequest)
		}
	})
}

var orders = problemtest.Target{
	Method: "POST", Path: "/v1/orders", JSON: true, MaxBodyBytes: 1 << 10,
	Authorize: func(r *http.Request) { r.Header.Set("Authorization", "Bearer good") },
}

// Drive finds nothing wrong with the good API, and every defect of the
// broken one.
func TestDrive(t *testing.T) {
	if err := checker.Drive(goodAPI(), orders); err != nil {
		t.Errorf("the good API: %v", err)
	}
	err := checker.Drive(brokenAPI(), orders)
	for _, v := range problemtest.Violations(err) {
		t.Logf("broken API: %v", v)
	}
	want := []string{"answer", "body", "internal-text", "media-type", "status-member"}
	if got := rules(err); !slices.Equal(got, want) {
		t.Errorf("rules %v, want %v", got, want)
	}
	if n := len(problemtest.Violations(err)); n < 10 {
		t.Errorf("%d violations, want one or more for each of the 6 requests", n)
	}
}

func BenchmarkCheckRecorder(b *testing.B) {
	rec := record(errorsx.OfType("order-locked", "Order 7 is being edited.").With("holder", "ann").With("expires_in", 90))
	b.ReportAllocs()
	for b.Loop() {
		if err := checker.CheckRecorder(rec, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDrive(b *testing.B) {
	api := goodAPI()
	b.ReportAllocs()
	for b.Loop() {
		if err := checker.Drive(api, orders); err != nil {
			b.Fatal(err)
		}
	}
}
