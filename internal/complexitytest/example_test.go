package complexitytest_test

import (
	"bytes"
	"fmt"

	"github.com/fourxx/fourxx/internal/complexitytest"
)

// Bytes counts what one parse allocates; Linear compares it at n and 4n.
// The inputs are large enough that the test framework's own small
// allocations, which TotalAlloc also counts, cannot tip the comparison.
func ExampleBytes() {
	upper := func(b []byte) { sink = bytes.ToUpper(b) }
	in := bytes.Repeat([]byte("ab"), 1<<17)
	small := complexitytest.Bytes(upper, in[:1<<16])
	large := complexitytest.Bytes(upper, in)
	fmt.Println(large >= 3*small, large <= 6*small)
	// Output: true true
}
