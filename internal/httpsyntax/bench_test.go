package httpsyntax

import "testing"

var problemOffers = []MediaType{{"application", "problem+json"}, {"application", "json"}, {"application", "problem+xml"}}

// BenchmarkBest chooses among the renderer's three problem formats for
// Accept values browsers, HTTP libraries and API clients send.
func BenchmarkBest(b *testing.B) {
	for _, accept := range []string{
		"application/json, */*",
		"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
		"application/problem+json;q=0.9, application/json;q=0.8",
	} {
		b.Run(accept, func(b *testing.B) {
			lines := []string{accept}
			for b.Loop() {
				_ = Best(lines, problemOffers...)
			}
		})
	}
}
