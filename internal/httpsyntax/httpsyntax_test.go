package httpsyntax

import (
	"strings"
	"testing"
)

func TestQuality(t *testing.T) {
	tests := []struct {
		accept   []string
		typ, sub string
		want     int
	}{
		{[]string{"application/json"}, "application", "json", 1000},
		{[]string{"APPLICATION/JSON"}, "application", "json", 1000},
		{[]string{"application/json;q=0.5"}, "application", "json", 500},
		{[]string{"application/json; charset=utf-8; q=0.25"}, "application", "json", 250},
		{[]string{"application/*;q=0.3, application/json;q=0.7"}, "application", "json", 700},
		{[]string{"application/json;q=0.7, application/*;q=0.3"}, "application", "xml", 300},
		{[]string{"*/*;q=0.1"}, "application", "json", 100},
		{[]string{"text/html", "application/json;q=0.2"}, "application", "json", 200},
		{[]string{"text/html"}, "application", "json", 0},
		{[]string{"application/json;q=1.5"}, "application", "json", 0},
		{[]string{"application/json;q=0.1234"}, "application", "json", 0},
		{[]string{"application/json;q=abc"}, "application", "json", 0},
		{[]string{"application/json;q="}, "application", "json", 0},
		{[]string{"garbage"}, "application", "json", 0},
		{[]string{""}, "application", "json", 0},
		{nil, "application", "json", 0},
	}
	for _, tt := range tests {
		if got := Quality(tt.accept, tt.typ, tt.sub); got != tt.want {
			t.Errorf("Quality(%q, %s/%s) = %d, want %d", tt.accept, tt.typ, tt.sub, got, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	tests := map[string]string{
		"api":               `"api"`,
		`a"b`:               `"a\"b"`,
		`a\b`:               `"a\\b"`,
		"a\r\nX-Evil: 1":    `"aX-Evil: 1"`,
		"tab\there\x00\x7f": "\"tab\there\"",
		"":                  `""`,
	}
	for in, want := range tests {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestRestricted(t *testing.T) {
	tests := map[string]string{
		"The access token expired": "The access token expired",
		`say "hi" \ bye`:           "say hi  bye",
		"line\r\nbreak\tünï":       "linebreakn",
	}
	for in, want := range tests {
		if got := Restricted(in); got != want {
			t.Errorf("Restricted(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsToken(t *testing.T) {
	for s, want := range map[string]bool{"GET": true, "M-SEARCH": true, "x!#$%&'*+-.^_`|~9": true, "": false, "GE T": false, "GET\r": false, "Ä": false, "a/b": false} {
		if IsToken(s) != want {
			t.Errorf("IsToken(%q) != %v", s, want)
		}
	}
}

func BenchmarkQuality(b *testing.B) {
	accept := []string{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
	b.ReportAllocs()
	for b.Loop() {
		Quality(accept, "application", "problem+json")
	}
}

func FuzzQuality(f *testing.F) {
	f.Add("application/json;q=0.5, */*")
	f.Add(strings.Repeat(";", 100))
	f.Fuzz(func(t *testing.T, s string) {
		if q := Quality([]string{s}, "application", "json"); q < 0 || q > 1000 {
			t.Fatalf("q %d out of range", q)
		}
	})
}

func TestBest(t *testing.T) {
	offers := []MediaType{{"application", "problem+json"}, {"application", "json"}, {"application", "problem+xml"}}
	tests := []struct {
		accept []string
		want   int
	}{
		{nil, 0},
		{[]string{""}, 0},
		{[]string{"*/*"}, 0},
		{[]string{"application/json"}, 1},
		{[]string{"Application/JSON"}, 1},
		{[]string{"application/json, application/problem+json"}, 0},
		{[]string{"application/json;q=0.9, application/problem+json;q=0.8"}, 1},
		{[]string{"application/problem+xml"}, 2},
		{[]string{"application/problem+xml, application/problem+json;q=0.5"}, 2},
		{[]string{"application/problem+xml;q=0.5", "application/problem+json"}, 0},
		{[]string{"application/*;q=0.2, application/problem+xml;q=0.3"}, 2},
		{[]string{"text/html"}, 0},
		{[]string{"application/json;q=0"}, 0},
		{[]string{"application/json;q=0, */*;q=0.1"}, 0},
		{[]string{"*/*;q=0.1, application/json;q=0.2"}, 1},
		{[]string{"application/json;q=garbage"}, 0},
		{[]string{",,,;;;"}, 0},
	}
	for _, tt := range tests {
		if got := Best(tt.accept, offers...); got != tt.want {
			t.Errorf("Best(%q) = %d, want %d", tt.accept, got, tt.want)
		}
		// Best agrees with one Quality pass per offer.
		want := 0
		for i, o := range offers {
			if Quality(tt.accept, o.Type, o.Sub) > Quality(tt.accept, offers[want].Type, offers[want].Sub) {
				want = i
			}
		}
		if got := Best(tt.accept, offers...); got != want {
			t.Errorf("Best(%q) = %d, Quality says %d", tt.accept, got, want)
		}
	}
}

func TestBestDoesNotAllocate(t *testing.T) {
	accept := []string{"text/html, application/xhtml+xml, application/xml;q=0.9, application/json;q=0.8, */*;q=0.1"}
	offers := []MediaType{{"application", "problem+json"}, {"application", "json"}, {"application", "problem+xml"}}
	if n := testing.AllocsPerRun(100, func() { _ = Best(accept, offers...) }); n != 0 {
		t.Errorf("Best allocates %v times", n)
	}
}

func TestBestRefusesTooManyOffers(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	Best(nil, make([]MediaType, MaxOffers+1)...)
}

// FuzzBest checks that one pass over Accept chooses as a Quality pass per
// offer would.
func FuzzBest(f *testing.F) {
	f.Add("application/json;q=0.5, */*")
	f.Add("application/problem+xml;q=0.3, APPLICATION/*;q=0.2,, ;q=1")
	f.Fuzz(func(t *testing.T, s string) {
		offers := []MediaType{{"application", "problem+json"}, {"application", "json"}, {"application", "problem+xml"}, {"text", "html"}}
		accept := []string{s}
		want := 0
		for i, o := range offers {
			if Quality(accept, o.Type, o.Sub) > Quality(accept, offers[want].Type, offers[want].Sub) {
				want = i
			}
		}
		if got := Best(accept, offers...); got != want {
			t.Fatalf("Best(%q) = %d, Quality per offer says %d", s, got, want)
		}
	})
}
