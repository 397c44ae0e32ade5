package sfv_test

import (
	"fmt"

	"github.com/fourxx/fourxx/internal/sfv"
)

// A RateLimit-Policy field value, serialized and read back as a client would.
func Example() {
	b, err := sfv.AppendList(nil, []sfv.Item{
		{Value: "burst", Params: []sfv.Param{{Key: "q", Value: int64(100)}, {Key: "w", Value: int64(60)}}},
		{Value: "daily", Params: []sfv.Param{{Key: "q", Value: int64(1000)}, {Key: "w", Value: int64(86400)}}},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b))
	items, err := sfv.ParseList(string(b))
	fmt.Println(items[1].Value, items[1].Param("w"), err)
	// Output:
	// "burst";q=100;w=60, "daily";q=1000;w=86400
	// daily 86400 <nil>
}
