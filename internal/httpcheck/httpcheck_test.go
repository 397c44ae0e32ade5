package httpcheck_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/httpcheck"
)

// Send, SendRaw and SendChunked read whole responses through real
// connections; WantProblem and WantAllow accept a well-formed 405 problem.
func TestHelpersOnARealServer(t *testing.T) {
	srv := httpcheck.NewServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		errorsx.Write(w, r, errorsx.MethodNotAllowed(r.Method, http.MethodGet))
	}))
	tests := []struct {
		name string
		rep  func() httpcheck.Reply
		head bool
	}{
		{"send", func() httpcheck.Reply { return httpcheck.Send(t, srv, http.MethodPost, "/", nil, nil) }, false},
		{"raw", func() httpcheck.Reply { return httpcheck.SendRaw(t, srv, "PUT / HTTP/1.1") }, false},
		{"raw HEAD", func() httpcheck.Reply { return httpcheck.SendRaw(t, srv, "HEAD / HTTP/1.1") }, true},
		{"chunked", func() httpcheck.Reply {
			return httpcheck.SendChunked(t, srv, "/", strings.Repeat("x", 10), "text/plain")
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := tt.rep()
			httpcheck.WantProblem(t, rep, http.StatusMethodNotAllowed, tt.head)
			httpcheck.WantAllow(t, rep, "GET")
		})
	}
}
