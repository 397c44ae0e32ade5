package main

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
)

func TestAccessLog(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    string
	}{
		{"explicit status", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) }, "status=418 bytes=0"},
		{"body only", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("hello")) }, "status=200 bytes=5"},
		{"nothing written", func(http.ResponseWriter, *http.Request) {}, "status=200 bytes=0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			h := accessLog(slog.New(slog.NewTextHandler(&buf, nil)))(tt.handler)
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/v1/widgets?access_token=secret", nil))
			line := buf.String()
			if !strings.Contains(line, "method=GET path=/v1/widgets "+tt.want) || strings.Contains(line, "secret") {
				t.Errorf("log line %q", line)
			}
		})
	}
}

// The access log's recorder tells the renderer that a response started, so
// a handler failing after a partial body gets its connection aborted
// instead of a problem glued onto the body.
func TestAccessLogCooperatesWithTheRenderer(t *testing.T) {
	var buf bytes.Buffer
	h := accessLog(slog.New(slog.NewTextHandler(&buf, nil)))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`[{"id":1},`))
		rd := errorsx.NewRenderer(errorsx.Options{Logger: slog.New(slog.DiscardHandler)})
		rd.Write(w, r, errors.New("listing failed"))
	}))
	rec := httptest.NewRecorder()
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Errorf("recovered %v, want http.ErrAbortHandler", v)
		}
		if rec.Body.String() != `[{"id":1},` {
			t.Errorf("body %q", rec.Body)
		}
	}()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/v1/widgets", nil))
}
