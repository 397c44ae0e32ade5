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

// TestSearchSymptoms checks that a developer who types what they see gets
// the code they expect as the first result.
func TestSearchSymptoms(t *testing.T) {
	tests := []struct {
		query string
		want  int
	}{
		// 400
		{"malformed json", 400},
		{"invalid json body", 400},
		{"syntax error", 400},
		{"unexpected end of JSON input", 400},
		{"cannot parse request", 400},
		// 401
		{"token expired", 401},
		{"expired token", 401},
		{"JWT expires", 401},
		{"invalid credentials", 401},
		{"wrong password", 401},
		{"not logged in", 401},
		{"missing api key", 401},
		{"who are you", 401},
		{"authorization header stripped by proxy", 401},
		{"www-authenticate", 401},
		// 402
		{"payment", 402},
		{"subscription expired billing", 402},
		// 403
		{"permission", 403},
		{"permission denied", 403},
		{"access denied", 403},
		{"insufficient scope", 403},
		{"ip blocked", 403},
		{"csrf token", 403},
		{"admin only", 403},
		// 404
		{"no such resource", 404},
		{"not found", 404},
		{"unknown route", 404},
		{"record does not exist", 404},
		// 405
		{"wrong method", 405},
		{"POST not allowed", 405},
		{"wrong http verb", 405},
		{"allow header", 405},
		// 406
		{"not acceptable", 406},
		{"accept header", 406},
		{"content negotiation", 406},
		// 407
		{"proxy auth", 407},
		{"corporate proxy login", 407},
		// 408
		{"timeout", 408},
		{"request timed out", 408},
		{"slow upload", 408},
		// 409
		{"lost update", 409},
		{"edit conflict", 409},
		{"duplicate", 409},
		{"user already exists", 409},
		{"unique constraint violation", 409},
		// 410
		{"retired endpoint", 410},
		{"gone", 410},
		{"api version removed", 410},
		{"sunset", 410},
		{"deprecated endpoint", 410},
		// 411
		{"content-length missing", 411},
		{"chunked upload", 411},
		// 412
		{"precondition", 412},
		{"etag mismatch", 412},
		{"stale etag", 412},
		{"If-Unmodified-Since", 412},
		// 413
		{"file too big", 413},
		{"payload too large", 413},
		{"request entity too large", 413},
		{"upload limit", 413},
		{"body too large", 413},
		// 414
		{"uri too long", 414},
		{"url too long", 414},
		{"query string too long", 414},
		// 415
		{"missing content-type", 415},
		{"wrong content type", 415},
		{"unsupported media type", 415},
		{"mime type", 415},
		// 416
		{"range", 416},
		{"resume download", 416},
		{"requested range not satisfiable", 416},
		// 417
		{"expect 100-continue", 417},
		{"expectation", 417},
		// 418
		{"teapot", 418},
		{"I'm a teapot", 418},
		// 421
		{"misdirected", 421},
		{"sni mismatch", 421},
		{"wrong host", 421},
		// 422
		{"validation failed", 422},
		{"invalid email", 422},
		{"missing required field", 422},
		{"unprocessable entity", 422},
		// 423
		{"webdav lock", 423},
		{"file locked", 423},
		// 424
		{"failed dependency", 424},
		{"batch failed", 424},
		// 425
		{"early data", 425},
		{"0-rtt", 425},
		{"replay attack", 425},
		// 426
		{"upgrade tls", 426},
		{"http/2 required", 426},
		{"websocket", 426},
		// 428
		{"if-match required", 428},
		{"missing if-match", 428},
		// 429
		{"rate limit", 429},
		{"rate limited", 429},
		{"throttled", 429},
		{"quota exceeded", 429},
		{"slow down", 429},
		{"too many", 429},
		// 431
		{"header too large", 431},
		{"cookie too big", 431},
		{"too many cookies", 431},
		// 451
		{"legal", 451},
		{"censored", 451},
		{"dmca takedown", 451},
		{"blocked in my country", 451},
		// forms and case
		{"TOKEN EXPIRED", 401},
		{"  Rate-Limit!!  ", 429},
		{"http 404 not found", 404},
		{"request too large", 413},
		{"too large", 413},
		{"authorization header missing", 401},
		{"login", 401},
		{"token", 401},
		{"deleted", 410},
		{"error 413", 413},
		{"100", 417},
		{`{"type":"about:blank","title":"Too Many Requests","status":429}`, 429},
		{"http: request body too large", 413},
		{"Request failed with status code 403", 403},
		{"invalid character '}' looking for beginning of object key string", 400},
		{"207", 424},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := catalog.Standard().Search(tt.query)
			if len(got) == 0 || got[0].Status != tt.want {
				t.Errorf("Search(%q) = %v, want %d first", tt.query, statuses(got), tt.want)
			}
		})
	}
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
