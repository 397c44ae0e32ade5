package errorsx_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// discardWriter is a ResponseWriter that keeps one header map across
// iterations, so the benchmarks measure the renderer, not the recorder.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(int)             {}

func benchRender(b *testing.B, req *http.Request, p *errorsx.Problem) {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://api.example.com/problems/", Logger: nil})
	w := &discardWriter{h: make(http.Header, 8)}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		rd.Write(w, req, p)
	}
}

func BenchmarkRender404(b *testing.B) {
	req := httptest.NewRequest(http.MethodGet, "/v1/widgets/7", nil)
	req.Header.Set("Accept", "application/json, */*")
	benchRender(b, req, errorsx.NotFound("No widget with id 7 exists."))
}

func BenchmarkRender422FiveErrors(b *testing.B) {
	req := httptest.NewRequest(http.MethodPost, "/v1/widgets", nil)
	errs := []errorsx.FieldError{
		{Detail: "is required", Pointer: "#/name", Code: "required"},
		{Detail: "must be one of: red, green, blue", Pointer: "#/color", Code: "oneof"},
		{Detail: "must be at most 1000", Pointer: "#/quantity", Code: "lte"},
		{Detail: "must be at most 16 characters", Pointer: "#/tags/2", Code: "max"},
		{Detail: "must be an email address", Pointer: "#/owner/email", Code: "email"},
	}
	benchRender(b, req, errorsx.UnprocessableContent("5 fields are invalid.", errs...))
}

func BenchmarkRender429WithHeaders(b *testing.B) {
	req := httptest.NewRequest(http.MethodGet, "/v1/widgets", nil)
	p := errorsx.TooManyRequests(1500*time.Millisecond, "Too many requests; retry in 2 s.").
		WithHeader("RateLimit-Policy", `"default";q=10;w=2`).
		WithHeader("RateLimit", `"default";r=0;t=2`).
		With("violated_policies", []string{"default"})
	benchRender(b, req, p)
}

func BenchmarkRender404XML(b *testing.B) {
	req := httptest.NewRequest(http.MethodGet, "/v1/widgets/7", nil)
	req.Header.Set("Accept", "application/problem+xml")
	benchRender(b, req, errorsx.NotFound("No widget with id 7 exists."))
}

// The baselines below are what a user could write without fourxx; issue
// targets compare the renderer with them as ratios within one run.

const notFoundDetail = "No widget with id 7 exists."

var fiveFieldErrors = []errorsx.FieldError{
	{Detail: "is required", Pointer: "#/name", Code: "required"},
	{Detail: "must be one of: red, green, blue", Pointer: "#/color", Code: "oneof"},
	{Detail: "must be at most 1000", Pointer: "#/quantity", Code: "lte"},
	{Detail: "must be at most 16 characters", Pointer: "#/tags/2", Code: "max"},
	{Detail: "must be an email address", Pointer: "#/owner/email", Code: "email"},
}

// BenchmarkRender404PerRequest builds the 404 per request, as a handler
// does, for a client sending Accept: application/json.
func BenchmarkRender404PerRequest(b *testing.B) {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://api.example.com/problems/"})
	req := httptest.NewRequest(http.MethodGet, "/v1/widgets/7", nil)
	req.Header.Set("Accept", "application/json")
	w := &discardWriter{h: make(http.Header, 8)}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		rd.Write(w, req, errorsx.NotFound(notFoundDetail))
	}
}

// BenchmarkHTTPError404 is the floor for BenchmarkRender404PerRequest: a
// plain-text 404 with http.Error.
func BenchmarkHTTPError404(b *testing.B) {
	w := &discardWriter{h: make(http.Header, 8)}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		http.Error(w, notFoundDetail, http.StatusNotFound)
	}
}

// BenchmarkRender422PerRequest builds the 422 with five field errors per
// request, from the validator's list.
func BenchmarkRender422PerRequest(b *testing.B) {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://api.example.com/problems/"})
	req := httptest.NewRequest(http.MethodPost, "/v1/widgets", nil)
	w := &discardWriter{h: make(http.Header, 8)}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		rd.Write(w, req, errorsx.UnprocessableContent("5 fields are invalid.", fiveFieldErrors...))
	}
}

// naiveProblem is the document a handler would encode by hand.
type naiveProblem struct {
	Type   string               `json:"type"`
	Title  string               `json:"title"`
	Status int                  `json:"status"`
	Detail string               `json:"detail,omitempty"`
	Errors []errorsx.FieldError `json:"errors,omitempty"`
}

// BenchmarkNaiveEncode422 is the floor for BenchmarkRender422PerRequest:
// the same document written with json.NewEncoder(w).Encode.
func BenchmarkNaiveEncode422(b *testing.B) {
	w := &discardWriter{h: make(http.Header, 8)}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		_ = json.NewEncoder(w).Encode(naiveProblem{
			Type: "https://api.example.com/problems/unprocessable-content", Title: "Unprocessable Content",
			Status: http.StatusUnprocessableEntity, Detail: "5 fields are invalid.", Errors: fiveFieldErrors,
		})
	}
}

func BenchmarkRender429XML(b *testing.B) {
	req := httptest.NewRequest(http.MethodGet, "/v1/widgets", nil)
	req.Header.Set("Accept", "application/problem+xml")
	p := errorsx.TooManyRequests(1500*time.Millisecond, "Too many requests; retry in 2 s.").
		WithHeader("RateLimit-Policy", `"default";q=10;w=2`).
		WithHeader("RateLimit", `"default";r=0;t=2`).
		With("violated_policies", []string{"default"})
	benchRender(b, req, p)
}

// BenchmarkRender404Prepared writes the 404 of BenchmarkRender404PerRequest
// from a problem prepared once: the renderer's own share of that path.
func BenchmarkRender404Prepared(b *testing.B) {
	req := httptest.NewRequest(http.MethodGet, "/v1/widgets/7", nil)
	req.Header.Set("Accept", "application/json")
	benchRender(b, req, errorsx.NotFound(notFoundDetail))
}
