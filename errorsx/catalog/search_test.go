package catalog_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx/catalog"
)

// statuses lists the status numbers of codes, in order.
func statuses(codes []catalog.Entry) []int {
	out := make([]int, len(codes))
	for i, c := range codes {
		out[i] = c.Status
	}
	return out
}

// TestSearchNumbers checks number and number-prefix queries: the exact
// code alone, or every code with the prefix in numeric order.
func TestSearchNumbers(t *testing.T) {
	all := statuses(codes4xx())
	tests := []struct {
		query string
		want  []int
	}{
		{"429", []int{429}},
		{" 451 ", []int{451}},
		{"42", []int{421, 422, 423, 424, 425, 426, 428, 429}},
		{"42x", []int{421, 422, 423, 424, 425, 426, 428, 429}},
		{"42X", []int{421, 422, 423, 424, 425, 426, 428, 429}},
		{"41", []int{410, 411, 412, 413, 414, 415, 416, 417, 418}},
		{"40", []int{400, 401, 402, 403, 404, 405, 406, 407, 408, 409}},
		{"45", []int{451}},
		{"4", all},
		{"4xx", all},
		{"5", []int{500, 501, 502, 503, 504}},
		{"5xx", []int{500, 501, 502, 503, 504}},
		{"503", []int{503}},
		{"50", []int{500, 501, 502, 503, 504}},
		{"505", nil},
		{"49", nil},
		{"499", nil},
		{"419", nil},
		{"999", nil},
		{"000", nil},
		{"x", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if got := statuses(catalog.Standard().Search(tt.query)); !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

// TestSearchNames checks titles and slugs.
func TestSearchNames(t *testing.T) {
	for _, c := range codes4xx() {
		for _, q := range []string{c.Title, c.Slug} {
			if got := catalog.Standard().Search(q); len(got) == 0 || got[0].Status != c.Status {
				t.Errorf("Search(%q) = %v, want %d first", q, statuses(got), c.Status)
			}
		}
	}
}

// TestSearchOddInput checks blank, meaningless, huge and non-ASCII
// queries: no panic, and nil unless something real matches.
func TestSearchOddInput(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  int // first status, 0 for no result
	}{
		{"empty", "", 0},
		{"blank", " \t\n ", 0},
		{"punctuation", "?!.,;:/\\-_()[]{}", 0},
		{"garbage", "xyzzy qwfp zxcvbnm", 0},
		{"stop words only", "the of and is to", 0},
		{"single letters", "a b c d e", 0},
		{"unicode only", "トークンの有効期限切れ ñandú", 0},
		{"emoji", "🫖☕", 0},
		{"unicode around a symptom", "«rate limit» — ошибка", 429},
		{"invalid utf-8", "\xff\xfe token \xc3 expired \x80", 401},
		{"nul bytes", "rate\x00limit", 429},
		{"very long repeated symptom", strings.Repeat("file too big ", 100_000), 413},
		{"very long single word", strings.Repeat("z", 1<<20), 0},
		{"symptom after the 256-byte horizon", strings.Repeat("? ", 200) + "teapot", 0},
		{"many words", strings.Repeat("lorem ipsum ", 50) + "teapot", 0},
		{"long digit run", strings.Repeat("4", 10_000), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := catalog.Standard().Search(tt.query)
			switch {
			case tt.want == 0 && got != nil:
				t.Errorf("Search = %v, want nil", statuses(got))
			case tt.want != 0 && (len(got) == 0 || got[0].Status != tt.want):
				t.Errorf("Search = %v, want %d first", statuses(got), tt.want)
			}
		})
	}
}

// TestSearchIsDeterministic checks that results come in the same order
// every time and never repeat an entry.
func TestSearchIsDeterministic(t *testing.T) {
	for _, q := range []string{"request", "too", "header", "token", "not", "required", "large"} {
		first := statuses(catalog.Standard().Search(q))
		if len(first) == 0 {
			t.Errorf("Search(%q) found nothing", q)
		}
		seen := map[int]bool{}
		for _, s := range first {
			if seen[s] {
				t.Errorf("Search(%q) = %v repeats %d", q, first, s)
			}
			seen[s] = true
		}
		for range 20 {
			if again := statuses(catalog.Standard().Search(q)); !slices.Equal(again, first) {
				t.Fatalf("Search(%q) = %v, then %v", q, first, again)
			}
		}
	}
}

// TestSearchRanksTheNamedCodeFirst checks queries that name one code and
// mention another: the named number wins.
func TestSearchRanksTheNamedCodeFirst(t *testing.T) {
	got := catalog.Standard().Search("429 or 503 rate limit")
	if len(got) == 0 || got[0].Status != 429 {
		t.Fatalf("got %v, want 429 first", statuses(got))
	}
	got = catalog.Standard().Search("401 or 403")
	if len(got) < 2 || got[0].Status != 401 || got[1].Status != 403 {
		t.Fatalf("got %v, want 401 then 403 (equal scores keep numeric order)", statuses(got))
	}
	got = catalog.Standard().Search("403 vs 401")
	if len(got) < 2 || !slices.Equal(slices.Sorted(slices.Values(statuses(got[:2]))), []int{401, 403}) {
		t.Fatalf("got %v, want 401 and 403 first", statuses(got))
	}
}

func BenchmarkSearch(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		catalog.Standard().Search("access token expired")
	}
}

func BenchmarkSearchLongSymptom(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		catalog.Standard().Search("my upload fails because the request body is too big for the server")
	}
}

func BenchmarkSearchNumber(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		catalog.Standard().Search("429")
	}
}

func BenchmarkSearchPrefix(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		catalog.Standard().Search("42")
	}
}
