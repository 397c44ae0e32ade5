package httpsyntax_test

import (
	"fmt"

	"github.com/fourxx/fourxx/internal/httpsyntax"
)

func Example() {
	accept := []string{"application/json;q=0.9, application/*;q=0.5"}
	fmt.Println(httpsyntax.Quality(accept, "application", "json"), httpsyntax.Quality(accept, "application", "problem+json"))
	fmt.Println(httpsyntax.Quote("say \"hi\"\r\nX-Injected: 1"))
	fmt.Println(httpsyntax.Restricted(`token "expired"`))
	// Output:
	// 900 500
	// "say \"hi\"X-Injected: 1"
	// token expired
}

// Best picks among the server's offers in one pass over Accept; a tie goes
// to the server's first choice.
func ExampleBest() {
	offers := []httpsyntax.MediaType{{Type: "application", Sub: "problem+json"}, {Type: "application", Sub: "json"}}
	fmt.Println(httpsyntax.Best([]string{"application/json"}, offers...))
	fmt.Println(httpsyntax.Best([]string{"application/*"}, offers...))
	fmt.Println(httpsyntax.Best([]string{"text/html"}, offers...))
	// Output:
	// 1
	// 0
	// 0
}
