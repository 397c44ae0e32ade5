package problemschema_test

import (
	"fmt"
	"strings"

	"github.com/fourxx/fourxx/internal/problemschema"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func Example() {
	schema, err := problemschema.Compile()
	if err != nil {
		panic(err)
	}
	for _, doc := range []string{`{"type":"about:blank","status":404}`, `{"status":"404"}`} {
		inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		fmt.Println(doc, schema.Validate(inst) == nil)
	}
	// Output:
	// {"type":"about:blank","status":404} true
	// {"status":"404"} false
}
