package bench

import (
	"net/http"
	"net/http/httptest"
	"strconv"
)

// discardWriter is a ResponseWriter whose header map is reused between
// requests, as a server reuses its per-connection state; it keeps the status
// and the body length so a benchmark can check what it measured.
type discardWriter struct {
	h    http.Header
	code int
	n    int
}

func newDiscardWriter() *discardWriter { return &discardWriter{h: make(http.Header)} }

func (w *discardWriter) Header() http.Header { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	w.n += len(b)
	return len(b), nil
}
func (w *discardWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}
func (w *discardWriter) reset() { clear(w.h); w.code, w.n = 0, 0 }

// status is the response's status as a client would see it.
func (w *discardWriter) status() int {
	if w.code == 0 {
		return http.StatusOK
	}
	return w.code
}

var ok = http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})

// clientAddr is the RemoteAddr of the i-th distinct client, an IPv4 address
// in 10.0.0.0/8 (16 M clients).
func clientAddr(i int) string {
	return "10." + strconv.Itoa(i>>16&255) + "." + strconv.Itoa(i>>8&255) + "." + strconv.Itoa(i&255) + ":40000"
}

func getRequest(addr string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/v1/widgets", nil)
	r.RemoteAddr = addr
	return r
}
