// Package sfv reads RFC 9651 Structured Field Lists the way a client of
// the RateLimit and RateLimit-Policy fields does, with
// github.com/dunglas/httpsfv, into plain values a test can compare: a List
// of Items whose bare values and parameters are as httpsfv returns them
// (string, httpsfv.Token, int64, float64, bool, []byte and the newer
// types), parameters kept in field order.
//
// It is test support: import it only from _test.go files.
package sfv
