// Package respwriter wraps an http.ResponseWriter to record whether a
// handler has started the response (sent its status line or hijacked the
// connection), so that middlewares can tell whether they may still answer. It is the suite's own
// implementation of the errorsx.StartedWriter contract (Started and
// Unwrap), which a user's wrapper implements the same way.
//
// The wrapper hides none of the writer's abilities: Flush, Hijack and
// io.ReaderFrom are implemented directly, and Unwrap lets
// http.ResponseController reach everything else (SetReadDeadline,
// SetWriteDeadline, EnableFullDuplex).
package respwriter
