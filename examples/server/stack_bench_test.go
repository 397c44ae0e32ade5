package main

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"testing"

	"github.com/go-chi/chi/v5"
)

// discardWriter is a ResponseWriter that keeps nothing but a fresh header
// map per request, as net/http gives each request.
type discardWriter struct {
	h      http.Header
	status int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) WriteHeader(code int)        { w.status = code }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkStack is the handler chain of the load test's allowed route
// (GET /v1/widgets with a Bearer token), the demo beside the bare chi
// router of bench/cmd/barechi, in process: what the suite adds to a request
// before net/http's own work.
func BenchmarkStack(b *testing.B) {
	a, err := newApp(appConfig{publicURL: "http://api.test", rate: 1e9, burst: 1e9, logger: slog.New(slog.DiscardHandler), noAccessLog: true})
	if err != nil {
		b.Fatal(err)
	}
	defer a.close()
	bare := chi.NewRouter()
	bare.Route("/v1", func(r chi.Router) {
		r.Get("/widgets", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			_ = json.NewEncoder(w).Encode(map[string]any{"widgets": []Widget{}})
		})
	})
	for _, tc := range []struct {
		name string
		h    http.Handler
	}{{"bare-chi", bare}, {"fourxx", a.handler}} {
		b.Run(tc.name, func(b *testing.B) {
			req, _ := http.NewRequest(http.MethodGet, "http://api.test/v1/widgets", nil)
			req.RemoteAddr = "192.0.2.1:1234"
			req.Header.Set("Authorization", "Bearer reader-token")
			w := &discardWriter{}
			b.ReportAllocs()
			for b.Loop() {
				w.h = make(http.Header)
				tc.h.ServeHTTP(w, req)
				if w.status != http.StatusOK {
					b.Fatalf("status %d", w.status)
				}
			}
		})
	}
}
