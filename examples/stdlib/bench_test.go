package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
)

// BenchmarkStack compares the legacy mux alone with the whole stack
// (Recover, rate limit, Authenticate, Require, Normalize) on a successful
// GET and on a legacy 404 turned into a problem: the price of adoption.
func BenchmarkStack(b *testing.B) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	stack, err := newHandler(appConfig{
		renderer: errorsx.NewRenderer(errorsx.Options{Logger: logger}),
		logger:   logger,
		rate:     1e9,
		burst:    1e9,
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, bb := range []struct {
		name string
		h    http.Handler
		path string
	}{
		{"legacy/GET 200", newLegacyMux(), "/notes/1"},
		{"stack/GET 200", stack, "/notes/1"},
		{"legacy/GET 404", newLegacyMux(), "/notes/99"},
		{"stack/GET 404", stack, "/notes/99"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, bb.path, nil)
			req.Header.Set("Authorization", "Bearer "+reader)
			b.ReportAllocs()
			for b.Loop() {
				bb.h.ServeHTTP(httptest.NewRecorder(), req)
			}
		})
	}
}
