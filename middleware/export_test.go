package middleware

import (
	"net/http"
	"time"
)

// NormalizeWithClock is Normalize with the clock its warnings read, so a
// test can move time instead of waiting.
func NormalizeWithClock(opts NormalizeOptions, now func() time.Time) func(http.Handler) http.Handler {
	return newNormalizer(opts, now).middleware
}
