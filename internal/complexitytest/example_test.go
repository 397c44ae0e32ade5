package complexitytest_test

import (
	"bytes"
	"fmt"

	"github.com/fourxx/fourxx/internal/complexitytest"
)

// Bytes counts what one parse allocates; Linear compares it at n and 4n.
func ExampleBytes() {
	in := bytes.Repeat([]byte("ab"), 1<<10)
	small := complexitytest.Bytes(func(b []byte) { sink = bytes.ToUpper(b) }, in[:512])
	large := complexitytest.Bytes(func(b []byte) { sink = bytes.ToUpper(b) }, in)
	fmt.Println(large <= 6*small)
	// Output: true
}
