package validate_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/internal/jsonpointer"
	"github.com/fourxx/fourxx/middleware/validate"
)

// FuzzDecode feeds arbitrary bodies to Decode. It must never panic; every
// answer is success or 400, 413 or 422; a 422 has errors, each with a
// detail, a code and a pointer that parses and resolves in the document —
// or, for a missing member, whose parent resolves — unless the document
// repeats a name.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		validOrder, pointerDoc, `{"items":[{"quantity":"ten"}]}`, `{"a":1,"a":2}`, `null`, `[]`, `{"labels":{"a/b~c":"x"}}`,
		"\xef\xbb\xbf{}", `{"email":"a@b.co"} x`, `{"profile":[1]}`, `{"items":[1e400]}`, "{\"\\u0061\":1,\"a\":2}",
	} {
		f.Add(seed)
	}
	v := validate.New(validate.Options{MaxBytes: 64 << 10, EchoValues: true})
	f.Fuzz(func(t *testing.T, body string) {
		_, err := validate.DecodeWith[Order](v, newJSONRequest(body))
		if err == nil {
			return
		}
		p := asProblem(err)
		switch p.Status {
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			return
		case http.StatusUnprocessableEntity:
		default:
			t.Fatalf("status %d for %q", p.Status, body)
		}
		if len(p.Errors) == 0 {
			t.Fatalf("422 without errors for %q", body)
		}
		doc := strings.TrimPrefix(body, "\xef\xbb\xbf")
		ambiguous := false // with a repeated name, a pointer may lead through the occurrence that loses
		for _, fe := range p.Errors {
			ambiguous = ambiguous || fe.Code == "duplicate"
		}
		for _, fe := range p.Errors {
			if fe.Detail == "" || fe.Code == "" {
				t.Fatalf("entry %+v lacks detail or code", fe)
			}
			tokens, perr := jsonpointer.Parse(fe.Pointer)
			if perr != nil {
				t.Fatalf("pointer %q does not parse: %v", fe.Pointer, perr)
			}
			if ambiguous || len(tokens) == 0 || len(tokens) > 64 { // the test resolver takes time in depth × size
				continue
			}
			if _, rerr := jsonpointer.Resolve([]byte(doc), fe.Pointer); rerr != nil {
				parent := jsonpointer.Join(tokens[:len(tokens)-1]...)
				if _, perr := jsonpointer.Resolve([]byte(doc), parent); perr != nil {
					t.Fatalf("neither pointer %q (%s) nor its parent resolves in %q: %v", fe.Pointer, fe.Code, doc, rerr)
				}
			}
		}
	})
}

// FuzzQuery feeds arbitrary query strings to Query. It must never panic;
// every answer is success or a 400 whose entries each name a parameter and
// have a detail and a code.
func FuzzQuery(f *testing.F) {
	for _, seed := range []string{"limit=10&sort=name&id=1&id=2", "id[3]=x", "filter.status=lost", "x[", "a]", "id[0]]=1", "%zz=1", "id[99999]=1"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, query string) {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.URL.RawQuery = query
		_, err := validate.Query[ListParams](r)
		if err == nil {
			return
		}
		p := asProblem(err)
		if p.Status != http.StatusBadRequest || len(p.Errors) == 0 {
			t.Fatalf("%q: status %d with %d errors, want 400 with errors", query, p.Status, len(p.Errors))
		}
		for _, fe := range p.Errors {
			if fe.Parameter == "" || fe.Detail == "" || fe.Code == "" {
				t.Fatalf("%q: entry %+v lacks parameter, detail or code", query, fe)
			}
		}
	})
}
