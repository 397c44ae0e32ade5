package catalog

import "testing"

func TestOneEditApart(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"forbidden", "forbiden", true},   // dropped
		{"forbidden", "forbiddden", true}, // added
		{"expired", "expried", true},      // swapped
		{"length", "lenght", true},        // swapped at the end
		{"conflict", "conflixt", true},    // changed
		{"conflict", "conflict", false},   // equal
		{"conflict", "cnoflcit", false},   // two edits
		{"large", "lar", false},           // two dropped
		{"abcde", "badce", false},         // two swaps
		{"", "a", true},
	}
	for _, tt := range tests {
		if got := oneEditApart(tt.a, tt.b); got != tt.want {
			t.Errorf("oneEditApart(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := oneEditApart(tt.b, tt.a); got != tt.want {
			t.Errorf("oneEditApart(%q, %q) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

// Words of five letters or more tolerate one typo; shorter ones do not,
// and a word two edits away is not corrected.
func TestSearchToleratesOneTypo(t *testing.T) {
	tests := []struct {
		query string
		want  int // first status, 0 for none
	}{
		{"teapto", 418},
		{"forbiden", 403},
		{"gatway timout", 504},
		{"unauthroized", 401},
		{"taepto", 0},      // two edits from "teapot"
		{"gonr", 0},        // four letters: not corrected
		{"fobriddne", 0},   // too far
		{"zzzzzzzzz", 0},   // nothing near
		{"forbidden", 403}, // exact
	}
	for _, tt := range tests {
		got := Standard().Search(tt.query)
		switch {
		case tt.want == 0 && got != nil:
			t.Errorf("Search(%q) = %d…, want nothing", tt.query, got[0].Status)
		case tt.want != 0 && (len(got) == 0 || got[0].Status != tt.want):
			t.Errorf("Search(%q) = %v, want %d first", tt.query, got, tt.want)
		}
	}
}
