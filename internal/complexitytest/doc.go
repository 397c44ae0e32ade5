// Package complexitytest proves that a parser of untrusted input does work
// proportional to its input: it counts the bytes a parse allocates for an
// adversarial input of size n and of size 4n and fails when the larger one
// costs more than a bound (by default 6×) the smaller. Bytes allocated are
// deterministic where time is not, so the check holds on a loaded machine.
//
// It is test support: import it only from _test.go files.
package complexitytest
