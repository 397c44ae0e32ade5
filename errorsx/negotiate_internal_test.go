package errorsx

import (
	"testing"

	"github.com/fourxx/fourxx/internal/httpsyntax"
)

// parsed is the format the general Accept parser picks, which negotiate's
// shortcuts must agree with.
func parsed(accept []string) format { return format(httpsyntax.Best(accept, offers...)) }

// Every value negotiate answers without parsing, and values that differ
// from them by a byte, get the format the parser gives.
func TestNegotiateShortcutsAgreeWithTheParser(t *testing.T) {
	lines := [][]string{nil, {}}
	for _, v := range []string{
		"", "application/json", "*/*", "application/problem+json",
		"Application/JSON", "application/json ", " application/json", "application/json;q=0", "application/json;q=0.5",
		"application/jsonx", "application/jso", "*/ *", "*/*;q=0", "application/problem+json;q=0", "application/problem+xml",
		"application/*", ",", " ", "application/json,", "application/problem+JSON", "application/json, application/problem+json",
	} {
		lines = append(lines, []string{v}, []string{v, ""}, []string{"", v}, []string{v, "application/problem+xml"})
	}
	for _, accept := range lines {
		if got, want := negotiate(accept), parsed(accept); got != want {
			t.Errorf("negotiate(%q) = %d, the parser gives %d", accept, got, want)
		}
	}
}

// negotiate agrees with the parser on any one or two Accept lines.
func FuzzNegotiate(f *testing.F) {
	for _, s := range []string{"", "application/json", "*/*", "application/problem+json", "application/problem+xml;q=0.9, */*;q=0.1"} {
		f.Add(s, "", false)
		f.Add(s, "application/problem+xml", true)
	}
	f.Fuzz(func(t *testing.T, first, second string, two bool) {
		accept := []string{first}
		if two {
			accept = append(accept, second)
		}
		if got, want := negotiate(accept), parsed(accept); got != want {
			t.Errorf("negotiate(%q) = %d, the parser gives %d", accept, got, want)
		}
	})
}
