package sfv_test

import (
	"fmt"

	"github.com/fourxx/fourxx/internal/sfv"
)

// A RateLimit-Policy field of two lines, read as a client reads it.
func Example() {
	items, err := sfv.ParseList(`"burst";q=100;w=60`, `"daily";q=1000;w=86400`)
	fmt.Println(len(items), items[1].Value, items[1].Param("w"), items[1].Param("pk"), err)
	// Output:
	// 2 daily 86400 <nil> <nil>
}
