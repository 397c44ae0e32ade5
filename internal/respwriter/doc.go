// Package respwriter wraps an http.ResponseWriter to record what a handler
// sent — the status and the number of body bytes — so that middlewares can
// tell whether a response has already started. It is the suite's own
// implementation of the errorsx.StartedWriter contract (Started and
// Unwrap), which a user's wrapper implements the same way.
//
// The wrapper hides none of the writer's abilities: Flush, Hijack and
// io.ReaderFrom are implemented directly, and Unwrap lets
// http.ResponseController reach everything else (SetReadDeadline,
// SetWriteDeadline, EnableFullDuplex).
package respwriter
