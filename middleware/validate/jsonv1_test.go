//go:build !goexperiment.jsonv2

package validate_test

// jsonOwnCost lists the shapes on which encoding/json itself does
// super-linear work: none with encoding/json v1 (see jsonv2_test.go).
var jsonOwnCost = map[string]bool{}
