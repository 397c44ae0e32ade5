package jsonpointer_test

import (
	"fmt"

	"github.com/fourxx/fourxx/internal/jsonpointer"
)

func Example() {
	p := jsonpointer.Join("profile", "a/b", "2")
	fmt.Println(p, jsonpointer.Fragment(p))

	v, err := jsonpointer.Resolve([]byte(`{"profile":{"a/b":[1,2,"three"]}}`), jsonpointer.Fragment(p))
	fmt.Println(string(v), err)
	// Output:
	// /profile/a~1b/2 #/profile/a~1b/2
	// "three" <nil>
}
