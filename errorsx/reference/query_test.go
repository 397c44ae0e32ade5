package reference

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSearchQuery(t *testing.T) {
	long := strings.Repeat("a", 5000)
	tests := []struct {
		raw, want string
	}{
		{"", ""},
		{"q=429", "429"},
		{"q=token+expired", "token expired"},
		{"q=token%20expired&q=second", "token expired"},
		{"page=2&q=gone", "gone"},
		{"qq=1&xq=2", ""},
		{"q=%20%20spaced%20%20", "spaced"},
		{"q=%zz", ""},
		{"q=%ff%fefine", "fine"},
		{"q=" + long, long[:MaxQueryLength]},
		{"q=" + strings.Repeat("%C3%A9", 1000), strings.Repeat("é", MaxQueryLength/2)},
		{"q=" + strings.Repeat("a", 3*MaxQueryLength-1) + "%41", strings.Repeat("a", MaxQueryLength)},
		{"q=" + strings.Repeat("%41", 3*MaxQueryLength), strings.Repeat("A", MaxQueryLength)},
	}
	for _, tt := range tests {
		got := searchQuery(tt.raw)
		if got != tt.want {
			t.Errorf("searchQuery(%.40q) = %.40q (%d bytes), want %.40q (%d bytes)", tt.raw, got, len(got), tt.want, len(tt.want))
		}
		if len(got) > MaxQueryLength || !utf8.ValidString(got) {
			t.Errorf("searchQuery(%.40q) returned %d bytes, valid UTF-8 %v", tt.raw, len(got), utf8.ValidString(got))
		}
	}
}

func TestDropPartialEscape(t *testing.T) {
	for in, want := range map[string]string{"ab%4": "ab", "ab%": "ab", "ab%41": "ab%41", "abc": "abc", "%": ""} {
		if got := dropPartialEscape(in); got != want {
			t.Errorf("dropPartialEscape(%q) = %q, want %q", in, got, want)
		}
	}
}
