// Command initcost imports errorsx, errorsx/reference and middleware and
// does nothing else, so that GODEBUG=inittrace=1 shows what importing them
// costs.
package main

import (
	_ "github.com/fourxx/fourxx/errorsx"
	_ "github.com/fourxx/fourxx/errorsx/reference"
	_ "github.com/fourxx/fourxx/middleware"
)

func main() {}
