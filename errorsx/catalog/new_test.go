package catalog_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx/catalog"
	"github.com/fourxx/fourxx/internal/complexitytest"
)

var outOfCredit = catalog.Entry{
	Slug: "out-of-credit", Status: 403, Title: "Out of credit",
	Summary:  "The account's balance does not cover the price of the request.",
	Causes:   []string{"The prepaid balance ran out"},
	Fixes:    []string{"Top up the account"},
	Keywords: []string{"balance", "top up"},
	Members: []catalog.Member{
		{Name: "balance", Type: "integer", Description: "The balance, in cents", Required: true},
		{Name: "accounts", Type: "array", Items: "string", Description: "The account URIs"},
	},
}

func with(e catalog.Entry, edit func(*catalog.Entry)) catalog.Entry {
	e.Members = slices.Clone(e.Members)
	edit(&e)
	return e
}

// New refuses an invalid or duplicate slug, a status outside 400–599 or
// one no server sends, empty prose and malformed members, with the field
// at fault; Validate returns the same error.
func TestNewRefusesInvalidTypes(t *testing.T) {
	tests := []struct {
		name  string
		types []catalog.Entry
		field string
	}{
		{"empty slug", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Slug = "" })}, "Slug"},
		{"upper case", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Slug = "Out-of-credit" })}, "Slug"},
		{"double hyphen", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Slug = "out--of-credit" })}, "Slug"},
		{"trailing hyphen", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Slug = "out-of-credit-" })}, "Slug"},
		{"slash", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Slug = "credit/out" })}, "Slug"},
		{"too long", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Slug = strings.Repeat("a", 65) })}, "Slug"},
		{"standard slug", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Slug = "forbidden" })}, "Slug"},
		{"duplicate", []catalog.Entry{outOfCredit, outOfCredit}, "Slug"},
		{"status 399", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Status = 399 })}, "Status"},
		{"status 600", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Status = 600 })}, "Status"},
		{"status 0", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Status = 0 })}, "Status"},
		{"unregistered 499", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Status = 499 })}, "Status"},
		{"unused 418", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Status = 418 })}, "Status"},
		{"no title", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Title = " " })}, "Title"},
		{"no summary", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Summary = "" })}, "Summary"},
		{"reserved member", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Members[0].Name = "detail" })}, "Members[0].Name"},
		{"short member", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Members[0].Name = "ab" })}, "Members[0].Name"},
		{"member with hyphen", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Members[0].Name = "bal-ance" })}, "Members[0].Name"},
		{"member twice", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Members[1].Name = "balance" })}, "Members[1].Name"},
		{"member type", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Members[0].Type = "int" })}, "Members[0].Type"},
		{"array without items", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Members[1].Items = "" })}, "Members[1].Items"},
		{"items on a scalar", []catalog.Entry{with(outOfCredit, func(e *catalog.Entry) { e.Members[0].Items = "string" })}, "Members[0].Items"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := catalog.Validate(tt.types...)
			var invalid *catalog.InvalidTypeError
			if !errors.As(err, &invalid) || invalid.Field != tt.field {
				t.Fatalf("Validate = %v, want an InvalidTypeError on %s", err, tt.field)
			}
			if !strings.HasPrefix(err.Error(), "catalog: ") {
				t.Errorf("message %q", err)
			}
			defer func() {
				if v := recover(); v != err.Error() {
					t.Errorf("New panicked with %v, want %q", v, err)
				}
			}()
			catalog.New(tt.types...)
		})
	}
}

// A team's type joins the standard entries: found by slug, listed after
// them, inheriting its status's headers and caching, searchable, and never
// sharing memory with a caller.
func TestTeamTypes(t *testing.T) {
	given := with(outOfCredit, func(*catalog.Entry) {})
	cat := catalog.New(given)
	given.Members[0].Name = "changed"

	e, ok := cat.Lookup("out-of-credit")
	if !ok || !e.Team || e.Status != 403 || e.Members[0].Name != "balance" {
		t.Fatalf("Lookup = %+v, %v", e, ok)
	}
	if e.CacheControl != "no-store" || !slices.Contains(e.RecommendedHeaders, "WWW-Authenticate") {
		t.Errorf("not inherited from 403: Cache-Control %q, recommended %v", e.CacheControl, e.RecommendedHeaders)
	}
	all := cat.Entries()
	if len(all) != 35 || all[34].Slug != "out-of-credit" || len(cat.Team()) != 1 {
		t.Fatalf("%d entries, last %q", len(all), all[len(all)-1].Slug)
	}
	if std, _ := cat.ForStatus(403); std.Team || std.Slug != "forbidden" {
		t.Errorf("ForStatus(403) = %q", std.Slug)
	}
	if _, ok := catalog.Standard().Lookup("out-of-credit"); ok {
		t.Error("a team type reached the standard catalog")
	}
	for _, q := range []string{"out of credit", "balance", "top up my account", "out-of-credit", "ouf of credit"} {
		if got := cat.Search(q); len(got) == 0 || got[0].Slug != "out-of-credit" {
			t.Errorf("Search(%q) does not find the team type first", q)
		}
	}
	got := cat.Search("403")
	if len(got) != 2 || got[0].Slug != "forbidden" || got[1].Slug != "out-of-credit" {
		t.Errorf("Search(403) = %v", got)
	}
	got[1].Members[0].Name = "edited"
	if e, _ := cat.Lookup("out-of-credit"); e.Members[0].Name != "balance" {
		t.Error("editing a search result changed the catalog")
	}
}

// Search reads at most 256 bytes and 16 words of a query, so its work is
// bounded however long the query, whatever its shape: many terms, long
// words, many misspelt words that each need a correction.
func TestSearchIsLinear(t *testing.T) {
	cat := catalog.Standard()
	cat.Search("warm up the index")
	repeat := func(unit string) func(n int) []byte {
		return func(n int) []byte { return []byte(strings.Repeat(unit, n)) }
	}
	complexitytest.Linear(t, func(q []byte) { cat.Search(string(q)) },
		complexitytest.Shape{Name: "many terms", Gen: repeat("token expired rate limit "), N: 1 << 10},
		complexitytest.Shape{Name: "many typos", Gen: repeat("forbiden expried gatway "), N: 1 << 10},
		complexitytest.Shape{Name: "one long word", Gen: repeat("z"), N: 1 << 14},
		complexitytest.Shape{Name: "distinct words", Gen: func(n int) []byte {
			var b strings.Builder
			for i := range n {
				b.WriteString("word")
				b.WriteByte(byte('a' + i%26))
				b.WriteByte(byte('a' + i/26%26))
				b.WriteByte(' ')
			}
			return []byte(b.String())
		}, N: 1 << 10},
	)
}
