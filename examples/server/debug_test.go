package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/internal/logtest"
)

// TestDebugRoutes checks the -debug routes the soak test reads: off by
// default (404), and when on, /debug/vars reports goroutines and the live
// heap, and /debug/panic is a 500 problem that Recover logged.
func TestDebugRoutes(t *testing.T) {
	t.Parallel()
	for _, debug := range []bool{false, true} {
		logger, logs := logtest.New()
		ts := httptest.NewUnstartedServer(nil)
		a, err := newApp(appConfig{publicURL: "http://" + ts.Listener.Addr().String(), rate: 1, burst: 1, logger: logger, debug: debug})
		if err != nil {
			t.Fatal(err)
		}
		ts.Config.Handler = a.handler
		ts.Start()
		t.Cleanup(func() { ts.Close(); a.close() })
		vars := doURL(t, ts.Client(), ts.URL, req{path: "/debug/vars"})
		panicked := doURL(t, ts.Client(), ts.URL, req{path: "/debug/panic"})
		if !debug {
			if vars.status != http.StatusNotFound || panicked.status != http.StatusNotFound {
				t.Errorf("debug off: /debug/vars %d, /debug/panic %d, want 404", vars.status, panicked.status)
			}
			continue
		}
		var v struct {
			Goroutines    int    `json:"goroutines"`
			HeapLiveBytes uint64 `json:"heap_live_bytes"`
		}
		if err := json.Unmarshal(vars.body, &v); err != nil || v.Goroutines < 1 || v.HeapLiveBytes == 0 {
			t.Errorf("/debug/vars: %+v, %v\n%s", v, err, vars.body)
		}
		if strings.Contains(string(vars.body), "cmdline") {
			t.Errorf("/debug/vars shows the command line, which may carry a password:\n%s", vars.body)
		}
		if panicked.status != http.StatusInternalServerError || panicked.problem(t)["status"] != float64(500) {
			t.Errorf("/debug/panic: %v", panicked)
		}
		if !strings.Contains(logs.String(), "/debug/panic was requested") {
			t.Errorf("the panic was not logged:\n%s", logs)
		}
	}
}
