// Command initcost imports errorsx and middleware and does nothing else, so
// that GODEBUG=inittrace=1 shows what importing them costs.
package main

import (
	_ "github.com/fourxx/fourxx/errorsx"
	_ "github.com/fourxx/fourxx/middleware"
)

func main() {}
