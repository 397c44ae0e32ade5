package main

import (
	"strings"
	"testing"
)

// The columns of a table are the same in every run: custom units, which a
// map holds, come after ns/op, B/op and allocs/op in name order.
func TestTableColumnsAreStable(t *testing.T) {
	const out = "BenchmarkDecision/single/latency-2 \t 20000\t 103283 ns/op\t 96.0 p50-µs\t 246 p99-µs\n" +
		"BenchmarkDecision/single/throughput-2 \t 20000\t 21503 ns/op\t 46505 decisions/s\n"
	var first string
	for i := range 20 {
		s := &suite{samples: map[string]*sample{}}
		if err := s.parse(strings.NewReader(out)); err != nil {
			t.Fatal(err)
		}
		var w strings.Builder
		writeTables(&w, s)
		if i == 0 {
			first = w.String()
			if !strings.Contains(first, "| contender | ns/op | decisions/s | p50-µs | p99-µs |") {
				t.Fatalf("columns out of order:\n%s", first)
			}
		} else if w.String() != first {
			t.Fatalf("run %d wrote another table:\n%s\nfirst:\n%s", i, w.String(), first)
		}
	}
}
