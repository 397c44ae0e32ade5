package validate

import (
	"math"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/internal/complexitytest"
)

// maxBytesPerLevel bounds what scanning costs per level of nesting: the
// scanner keeps one small frame per open array or object (and one name per
// open object), grown by doubling. A frame that grows, or a growth that
// overshoots, shows here before it shows in the ratio of TestDecodeIsLinear.
const maxBytesPerLevel = 128

func TestScanCostPerLevel(t *testing.T) {
	const levels = 8000
	for _, tc := range []struct{ name, open, leaf, close string }{
		{"arrays", "[", "", "]"},
		{"objects", `{"a":`, "1", "}"},
		{"arrays in objects", `{"a":[`, "1", "]}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := levels / (strings.Count(tc.open, "[") + strings.Count(tc.open, "{"))
			body := []byte(strings.Repeat(tc.open, n) + tc.leaf + strings.Repeat(tc.close, n))
			bytes := complexitytest.Bytes(func(b []byte) {
				if _, _, p := scanDocument(b, MaxDepthLimit, math.MaxInt); p != nil {
					t.Fatal(p.Detail)
				}
			}, body)
			per := float64(bytes) / float64(levels)
			t.Logf("%d levels: %d B allocated, %.1f B per level", levels, bytes, per)
			if per > maxBytesPerLevel {
				t.Errorf("scanning %d levels cost %.1f B per level, want at most %d", levels, per, maxBytesPerLevel)
			}
		})
	}
}
