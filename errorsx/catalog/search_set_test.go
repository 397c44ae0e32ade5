package catalog_test

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx/catalog"
)

// A searchCase is one query of testdata/queries.tsv and the codes that
// count as the right answer.
type searchCase struct {
	line  int
	query string
	want  []int
}

func loadSearchSet(t *testing.T) []searchCase {
	t.Helper()
	f, err := os.Open("testdata/queries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []searchCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, '\t')
		if i < 0 {
			t.Fatalf("queries.tsv:%d: no tab", n)
		}
		c := searchCase{line: n, query: line[:i]}
		for _, s := range strings.Split(line[i+1:], ",") {
			status, err := strconv.Atoi(s)
			if err != nil {
				t.Fatalf("queries.tsv:%d: %v", n, err)
			}
			c.want = append(c.want, status)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestSearchSet runs the search test set: what developers type when a
// request fails — client and proxy error messages, symptoms in plain
// words, header names, typos, singular and plural — each with the codes
// that answer it. It reports top-1 and top-3 and fails below 97% top-1.
func TestSearchSet(t *testing.T) {
	cases := loadSearchSet(t)
	if len(cases) < 200 {
		t.Fatalf("the search test set has %d queries, want at least 200", len(cases))
	}
	cat := catalog.Standard()
	top1, top3 := 0, 0
	for _, c := range cases {
		got := cat.Search(c.query)
		var statuses []int
		for _, e := range got {
			statuses = append(statuses, e.Status)
		}
		hit := func(n int) bool {
			return slices.ContainsFunc(statuses[:min(n, len(statuses))], func(s int) bool { return slices.Contains(c.want, s) })
		}
		if hit(1) {
			top1++
		} else {
			t.Logf("queries.tsv:%d: %q → %v, want one of %v first", c.line, c.query, statuses[:min(5, len(statuses))], c.want)
		}
		if hit(3) {
			top3++
		}
	}
	p1, p3 := 100*float64(top1)/float64(len(cases)), 100*float64(top3)/float64(len(cases))
	t.Logf("search test set: %d queries, top-1 %d (%.1f%%), top-3 %d (%.1f%%)", len(cases), top1, p1, top3, p3)
	if p1 < 97 {
		t.Errorf("top-1 %.1f%%, want at least 97%%", p1)
	}
}
