package main

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// -access-log=false (for load tests) leaves the access log out of the
// stack; by default every request is logged.
func TestAccessLogFlag(t *testing.T) {
	tests := []struct {
		args    []string
		wantLog bool
	}{
		{nil, true},
		{[]string{"-access-log=false"}, false},
	}
	for _, tt := range tests {
		t.Run(strings.Join(append([]string{"args"}, tt.args...), " "), func(t *testing.T) {
			cfg, err := parseFlags(tt.args, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			a, err := newApp(appConfig{publicURL: "http://api.test", rate: cfg.Rate, burst: cfg.Burst,
				logger: slog.New(slog.NewTextHandler(&buf, nil)), noAccessLog: !cfg.accessLog})
			if err != nil {
				t.Fatal(err)
			}
			defer a.close()
			a.handler.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/healthz", nil))
			if got := strings.Contains(buf.String(), "msg=request"); got != tt.wantLog {
				t.Errorf("access log line written = %v, want %v; log: %q", got, tt.wantLog, buf.String())
			}
		})
	}
}
