// Package problemschema is the JSON Schema of RFC 9457 Appendix A, the one
// copy the repository's tests validate problem documents against. It is test
// support: import it only from _test.go files.
//
// problem.json is the RFC's schema/json/problem.json with the RFC 8792 line
// wrapping undone; a test checks it against the text quoted in
// docs/standards.md §3.
package problemschema

import (
	"bytes"
	_ "embed"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed problem.json
var source []byte

// Source returns the schema's JSON text.
func Source() []byte { return bytes.Clone(source) }

// Compile returns the schema compiled with format assertion on, so that a
// type or instance that is not a URI reference fails validation (draft
// 2020-12 treats format as an annotation otherwise). The schema is compiled
// once; the result is safe for concurrent use.
func Compile() (*jsonschema.Schema, error) { return compiled() }

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(source))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("problem.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("problem.json")
})
