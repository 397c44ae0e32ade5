package main

import (
	"encoding/json"
	"net/http"
	"runtime"

	"github.com/go-chi/chi/v5"
)

// debugVars is what GET /debug/vars reports: the goroutines running and the
// heap in use right after a collection. Nothing else of the process (no
// command line, which may carry a Redis password) is shown.
type debugVars struct {
	Goroutines    int    `json:"goroutines"`
	HeapLiveBytes uint64 `json:"heap_live_bytes"`
}

// mountDebug adds the routes the -debug flag turns on, for a soak test on
// loopback; they must never face the Internet (each /debug/vars runs a
// garbage collection). GET /debug/vars is a JSON debugVars; GET
// /debug/panic panics, so that Recover's 500 can be exercised.
func mountDebug(r chi.Router) {
	r.Get("/debug/vars", func(w http.ResponseWriter, _ *http.Request) {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(debugVars{Goroutines: runtime.NumGoroutine(), HeapLiveBytes: m.HeapAlloc})
	})
	r.Get("/debug/panic", func(http.ResponseWriter, *http.Request) {
		panic("debug: /debug/panic was requested")
	})
}
