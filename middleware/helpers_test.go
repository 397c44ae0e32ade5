package middleware_test

import (
	"io"
	"log/slog"
	"net/http"

	"github.com/fourxx/fourxx/errorsx"
)

// strict is the renderer every test uses: a problem missing a required
// header (405 without Allow …) panics instead of passing silently.
var strict = errorsx.NewRenderer(errorsx.Options{Strict: true, Logger: slog.New(slog.DiscardHandler)})

// ok is a handler that answers 200 "ok".
var ok = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok") })
