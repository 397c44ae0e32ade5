package middleware_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/middleware"
)

// nopWriter is a ResponseWriter that keeps nothing.
type nopWriter struct{ h http.Header }

func (w *nopWriter) Header() http.Header         { return w.h }
func (w *nopWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *nopWriter) WriteHeader(int)             {}

var okBody = []byte("ok")

// terminal answers like a typical handler, without allocating.
var terminal = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(okBody) })

// benchServe measures h on the allowed path; compare with BenchmarkBaseline.
func benchServe(b *testing.B, h http.Handler, r *http.Request) {
	w := &nopWriter{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(w, r)
	}
}

func newBenchRequest(method string, body io.Reader, ct string) *http.Request {
	r, _ := http.NewRequest(method, "http://api.test/items/7", body)
	r.RequestURI = "/items/7"
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	return r
}

func BenchmarkBaseline(b *testing.B) {
	benchServe(b, terminal, newBenchRequest(http.MethodGet, nil, ""))
}

func BenchmarkMethods(b *testing.B) {
	h := middleware.Methods(middleware.MethodsOptions{}, http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete)(terminal)
	benchServe(b, h, newBenchRequest(http.MethodDelete, nil, ""))
}

func BenchmarkBodyLimitDeclaredLength(b *testing.B) {
	h := middleware.BodyLimit(middleware.BodyLimitOptions{MaxBytes: 1 << 20})(terminal)
	benchServe(b, h, newBenchRequest(http.MethodPost, strings.NewReader(`{"a":1}`), "application/json"))
}

func BenchmarkBodyLimitChunked(b *testing.B) {
	h := middleware.BodyLimit(middleware.BodyLimitOptions{MaxBytes: 1 << 20})(terminal)
	r := newBenchRequest(http.MethodPost, io.NopCloser(strings.NewReader(`{"a":1}`)), "application/json")
	r.ContentLength = -1
	body := r.Body
	w := &nopWriter{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		r.Body = body
		h.ServeHTTP(w, r)
	}
}

func BenchmarkContentType(b *testing.B) {
	h := middleware.ContentType(middleware.ContentTypeOptions{Accept: []string{"application/json"}})(terminal)
	benchServe(b, h, newBenchRequest(http.MethodPost, strings.NewReader(`{"a":1}`), "Application/JSON; charset=UTF-8"))
}

func BenchmarkProduces(b *testing.B) {
	h := middleware.Produces(middleware.ProducesOptions{Types: []string{"application/json"}})(terminal)
	r := newBenchRequest(http.MethodGet, nil, "")
	r.Header.Set("Accept", "text/html, application/json;q=0.9, */*;q=0.1")
	benchServe(b, h, r)
}

func BenchmarkNormalize(b *testing.B) {
	h := middleware.Normalize(middleware.NormalizeOptions{})(terminal)
	benchServe(b, h, newBenchRequest(http.MethodGet, nil, ""))
}

func BenchmarkRecover(b *testing.B) {
	h := middleware.Recover(middleware.RecoverOptions{})(terminal)
	benchServe(b, h, newBenchRequest(http.MethodGet, nil, ""))
}

// BenchmarkRecoverNormalize is Recover in front of Normalize, the chain of a
// chi router set up by chix behind Recover: one wrapper allocation for both.
func BenchmarkRecoverNormalize(b *testing.B) {
	h := middleware.Recover(middleware.RecoverOptions{})(middleware.Normalize(middleware.NormalizeOptions{})(terminal))
	benchServe(b, h, newBenchRequest(http.MethodGet, nil, ""))
}

// BenchmarkMethodsReject measures the 405 path (rendering included).
func BenchmarkMethodsReject(b *testing.B) {
	h := middleware.Methods(middleware.MethodsOptions{}, http.MethodGet)(terminal)
	r := newBenchRequest(http.MethodDelete, nil, "")
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(&nopWriter{h: http.Header{}}, r)
	}
}

// BenchmarkNormalizeConvert measures turning an http.Error into a problem.
func BenchmarkNormalizeConvert(b *testing.B) {
	h := middleware.Normalize(middleware.NormalizeOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "name is required", http.StatusBadRequest)
	}))
	r := newBenchRequest(http.MethodGet, nil, "")
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(&nopWriter{h: http.Header{}}, r)
	}
}

// BenchmarkMethodsParallel runs the allowed path on every CPU.
func BenchmarkMethodsParallel(b *testing.B) {
	h := middleware.Methods(middleware.MethodsOptions{}, http.MethodGet, http.MethodPost)(terminal)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		r := newBenchRequest(http.MethodPost, nil, "")
		w := &nopWriter{h: http.Header{}}
		for pb.Next() {
			h.ServeHTTP(w, r)
		}
	})
}
