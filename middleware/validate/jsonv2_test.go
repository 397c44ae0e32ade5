//go:build goexperiment.jsonv2

package validate_test

// jsonOwnCost lists the shapes on which encoding/json itself does
// super-linear work under GOEXPERIMENT=jsonv2: it builds a JSON Pointer for
// every unknown member and every value of the wrong type it meets, each in
// the depth of the document. For them the tests bound what this package
// adds to encoding/json's work.
var jsonOwnCost = map[string]bool{
	"unknown member at every level": true,
	"type error at every level":     true,
}
