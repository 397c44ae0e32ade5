package reference_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/reference"
)

func benchHandler() http.Handler {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://api.example.com/problems/", Logger: slog.New(slog.DiscardHandler)})
	return reference.Handler(reference.Options{Renderer: rd})
}

// discardWriter is a ResponseWriter that keeps nothing, so the benchmarks
// measure the handler and not a recorder.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(int)             {}

func benchServe(b *testing.B, req *http.Request) {
	h := benchHandler()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		w := &discardWriter{h: make(http.Header, 12)}
		for pb.Next() {
			clear(w.h)
			h.ServeHTTP(w, req)
		}
	})
}

func BenchmarkCodePage(b *testing.B) {
	benchServe(b, httptest.NewRequest("GET", "/problems/too-many-requests", nil))
}

func BenchmarkCodePageJSON(b *testing.B) {
	req := httptest.NewRequest("GET", "/problems/too-many-requests", nil)
	req.Header.Set("Accept", "application/json")
	benchServe(b, req)
}

func BenchmarkNotModified(b *testing.B) {
	h := benchHandler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/problems/unauthorized", nil))
	req := httptest.NewRequest("GET", "/problems/unauthorized", nil)
	req.Header.Set("If-None-Match", rec.Header().Get("ETag"))
	benchServe(b, req)
}

func BenchmarkSearch(b *testing.B) {
	benchServe(b, httptest.NewRequest("GET", "/problems/?q=token+expired", nil))
}

func BenchmarkSearchJSON(b *testing.B) {
	req := httptest.NewRequest("GET", "/problems/?q=token+expired", nil)
	req.Header.Set("Accept", "application/json")
	benchServe(b, req)
}

func BenchmarkHugeQuery(b *testing.B) {
	q := make([]byte, 1<<20)
	for i := range q {
		q[i] = 'a'
	}
	benchServe(b, httptest.NewRequest("GET", "/problems/?q="+string(q), nil))
}

func BenchmarkUnknownCode(b *testing.B) {
	benchServe(b, httptest.NewRequest("GET", "/problems/no-such-code", nil))
}

func BenchmarkHandlerConstruction(b *testing.B) {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://api.example.com/problems/", Logger: slog.New(slog.DiscardHandler)})
	b.ReportAllocs()
	for b.Loop() {
		reference.Handler(reference.Options{Renderer: rd})
	}
}

// BenchmarkFirstRequest measures what a site's first page costs: building
// the handler and serving one page, which builds every page.
func BenchmarkFirstRequest(b *testing.B) {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://api.example.com/problems/", Logger: slog.New(slog.DiscardHandler)})
	req := httptest.NewRequest("GET", "/problems/too-many-requests", nil)
	b.ReportAllocs()
	for b.Loop() {
		reference.Handler(reference.Options{Renderer: rd}).ServeHTTP(&discardWriter{h: make(http.Header, 12)}, req)
	}
}
