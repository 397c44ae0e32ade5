// Package bench measures fourxx side by side with the libraries a Go team
// would otherwise reach for, and with the few lines a team could write
// itself, on the same requests in the same run. It is a module of its own so
// that the library's go.mod never requires the peers; a replace directive
// points it at the fourxx checkout it lives in.
//
// Run everything with `make bench-compare` at the repository's top; the
// results feed BENCHMARKS.md.
package bench
