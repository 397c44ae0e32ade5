package main

import (
	"expvar"
	"net/http"
	"runtime"
	"sync"

	"github.com/go-chi/chi/v5"
)

// publishDebugVars adds the demo's own variables to expvar, once per
// process (expvar.Publish panics on a second call with one name).
var publishDebugVars = sync.OnceFunc(func() {
	expvar.Publish("goroutines", expvar.Func(func() any { return runtime.NumGoroutine() }))
	expvar.Publish("heap_live_bytes", expvar.Func(func() any {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}))
})

// mountDebug adds the routes the -debug flag turns on, for a soak test on
// loopback; they must never face the Internet (each /debug/vars runs a
// garbage collection). GET /debug/vars is expvar's JSON plus "goroutines"
// and "heap_live_bytes" (the heap in use right after a collection); GET
// /debug/panic panics, so that Recover's 500 can be exercised.
func mountDebug(r chi.Router) {
	publishDebugVars()
	r.Get("/debug/vars", expvar.Handler().ServeHTTP)
	r.Get("/debug/panic", func(http.ResponseWriter, *http.Request) {
		panic("debug: /debug/panic was requested")
	})
}
