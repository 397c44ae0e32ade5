package problemschema

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// unwrapRFC8792 undoes RFC 8792 §7's single-backslash strategy: a line
// ending in '\' continues on the next line, whose leading whitespace is not
// part of the text.
func unwrapRFC8792(wrapped string) string {
	var out strings.Builder
	continued := false
	for line := range strings.Lines(wrapped) {
		line = strings.TrimSuffix(line, "\n")
		if continued {
			line = strings.TrimLeft(line, " ")
		}
		if continued = strings.HasSuffix(line, `\`); continued {
			out.WriteString(strings.TrimSuffix(line, `\`))
			continue
		}
		out.WriteString(line + "\n")
	}
	return out.String()
}

// TestSourceIsTheQuotedAppendixA checks problem.json against the exact text
// docs/standards.md §3 quotes, unwrapped, so the two cannot drift.
func TestSourceIsTheQuotedAppendixA(t *testing.T) {
	doc, err := os.ReadFile("../../docs/standards.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "## 3. RFC 9457 Appendix A")
	if !ok {
		t.Fatal("docs/standards.md has no §3 RFC 9457 Appendix A")
	}
	fences := strings.SplitN(section, "```", 3)
	if len(fences) < 3 {
		t.Fatal("§3 has no fenced block")
	}
	const marker = "# NOTE: '\\' line wrapping per RFC 8792\n\n"
	quoted, ok := strings.CutPrefix(strings.TrimPrefix(fences[1], "\n"), marker)
	if !ok {
		t.Fatalf("§3's block does not start with the RFC 8792 marker:\n%s", fences[1])
	}
	if got, want := string(Source()), unwrapRFC8792(quoted); got != want {
		t.Errorf("problem.json differs from docs/standards.md §3 unwrapped:\n%s\nwant:\n%s", got, want)
	}
}

func TestCompileValidates(t *testing.T) {
	schema, err := Compile()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, doc string
		valid     bool
	}{
		{"full problem", `{"type":"https://example.com/probs/out-of-credit","title":"Forbidden","status":403,"detail":"d","instance":"/account/12345/msgs/abc"}`, true},
		{"empty object: every member is optional", `{}`, true},
		{"extension members allowed", `{"status":422,"errors":[{"pointer":"#/a"}]}`, true},
		{"string status", `{"status":"429"}`, false},
		{"status below 100", `{"status":99}`, false},
		{"status above 599", `{"status":600}`, false},
		{"fractional status", `{"status":429.5}`, false},
		{"type not a URI reference (format asserted)", `{"type":"http://[::1"}`, false},
		{"instance not a URI reference", `{"instance":"%zz"}`, false},
		{"title not a string", `{"title":7}`, false},
		{"not an object", `[]`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); (err == nil) != tt.valid {
				t.Errorf("Validate(%s) = %v, want valid=%v", tt.doc, err, tt.valid)
			}
		})
	}
}

func TestSourceIsACopy(t *testing.T) {
	b := Source()
	b[0] = 'x'
	if bytes.Equal(b, Source()) {
		t.Fatal("Source returned the embedded slice itself")
	}
}
