package errorsx

import (
	"strconv"
	"strings"
)

// Search returns the catalog entries that match query, best first. It
// matches status numbers and number prefixes ("429", "42"), slugs and
// titles.
func Search(query string) []Code {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return nil
	}
	var out []Code
	for _, c := range catalog {
		if strings.HasPrefix(strconv.Itoa(c.Status), q) || strings.Contains(c.Slug, q) || strings.Contains(strings.ToLower(c.Title), q) {
			out = append(out, c)
		}
	}
	return out
}
