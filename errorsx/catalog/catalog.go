package catalog

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// A Catalog holds every documented problem type of an API: the standard
// entries (the 29 registered 4xx codes and the documented 5xx) and the
// team's own. Build it once at start-up with [New] and hand the same value
// to the renderer, the reference site, the OpenAPI output and the test
// helpers; [Standard] is the catalog without team types. A Catalog is
// immutable and safe for concurrent use; its search index is built on the
// first [Catalog.Search].
type Catalog struct {
	entries []Entry        // standard 4xx, standard 5xx, then team types as given
	bySlug  map[string]int // slug → position in entries
	// byStatus is the position of the standard entry of each status
	// 400–599 (index status-400), or -1.
	byStatus [200]int16
	index    func() *searchIndex
}

// maxEntries bounds a catalog's size, so positions fit the search index's
// postings.
const maxEntries = 1 << 12

// Standard returns the catalog of the standard entries only: the 29
// registered 4xx codes and the 5xx the suite documents (500–504). It is
// built on the first call and shared.
func Standard() *Catalog { return standard() }

var standard = sync.OnceValue(func() *Catalog {
	c, err := build(nil)
	if err != nil {
		panic("catalog: the standard entries are invalid: " + err.Error())
	}
	return c
})

// New returns a catalog of the standard entries and the team's own types,
// in the order given. Each type inherits the required and recommended
// headers, the Cache-Control and the heuristic cacheability of its
// status's standard entry, and has Team set. New panics with a message "catalog: <slug>: <Field>: <why>"
// when a type is invalid: see [Validate], which returns the same error.
func New(types ...Entry) *Catalog {
	c, err := build(types)
	if err != nil {
		panic(err.Error())
	}
	return c
}

// Validate returns the error [New] would panic with for types, or nil. A
// type is refused when its slug is not lower-case words joined by hyphens
// (at most 64 bytes) or is already taken (by a standard entry or another
// type); when its status is outside 400–599 or is not a documented code a
// server sends (an unregistered code such as 499, the unused 418, or a 5xx
// the suite does not document); when its title or summary is empty; or
// when a member's name, JSON type or items type is invalid, or a name is
// given twice. The error is an [*InvalidTypeError].
func Validate(types ...Entry) error {
	_, err := build(types)
	return err
}

// An InvalidTypeError reports why [New] refused a type.
type InvalidTypeError struct {
	Slug  string // the type's slug, possibly the invalid one
	Field string // the field at fault, e.g. "Status" or "Members[1].Type"
	Why   string // what is wrong with it
}

// Error reads "catalog: \"<slug>\": <Field>: <why>", the message New panics with.
func (e *InvalidTypeError) Error() string {
	return "catalog: " + strconv.Quote(e.Slug) + ": " + e.Field + ": " + e.Why
}

func build(types []Entry) (*Catalog, error) {
	n := len(standard4xx) + len(standard5xx) + len(types)
	if n > maxEntries {
		return nil, errors.New("catalog: more than " + strconv.Itoa(maxEntries) + " entries")
	}
	c := &Catalog{entries: make([]Entry, 0, n), bySlug: make(map[string]int, n)}
	for i := range c.byStatus {
		c.byStatus[i] = -1
	}
	for _, e := range slices.Concat(standard4xx, standard5xx) {
		c.byStatus[e.Status-400] = int16(len(c.entries))
		c.bySlug[e.Slug] = len(c.entries)
		c.entries = append(c.entries, e.clone())
	}
	for _, t := range types {
		if err := c.check(&t); err != nil {
			return nil, err
		}
		t = t.clone()
		t.Team = true
		std := &c.entries[c.byStatus[t.Status-400]]
		t.RequiredHeaders = union(std.RequiredHeaders, t.RequiredHeaders)
		t.RecommendedHeaders = union(std.RecommendedHeaders, t.RecommendedHeaders)
		if t.CacheControl == "" {
			t.CacheControl = std.CacheControl
		}
		t.HeuristicallyCacheable = std.HeuristicallyCacheable // a property of the status (RFC 9110 §15.1)
		c.bySlug[t.Slug] = len(c.entries)
		c.entries = append(c.entries, t)
	}
	c.index = sync.OnceValue(func() *searchIndex { return newSearchIndex(c) })
	return c, nil
}

// check validates a team's type against the catalog built so far.
func (c *Catalog) check(t *Entry) error {
	fail := func(field, why string) error { return &InvalidTypeError{Slug: t.Slug, Field: field, Why: why} }
	if why := slugProblem(t.Slug); why != "" {
		return fail("Slug", why)
	}
	if at, taken := c.bySlug[t.Slug]; taken {
		return fail("Slug", "already used by the "+strconv.Itoa(c.entries[at].Status)+" "+c.entries[at].Title+" entry")
	}
	switch {
	case t.Status < 400 || t.Status > 599:
		return fail("Status", strconv.Itoa(t.Status)+" is outside 400–599")
	case c.byStatus[t.Status-400] < 0 || c.entries[c.byStatus[t.Status-400]].Unused:
		return fail("Status", strconv.Itoa(t.Status)+" is not a documented status a server sends (a registered 4xx code but 418, or 500–504)")
	}
	if strings.TrimSpace(t.Title) == "" {
		return fail("Title", "empty")
	}
	if strings.TrimSpace(t.Summary) == "" {
		return fail("Summary", "empty")
	}
	for i, m := range t.Members {
		field := "Members[" + strconv.Itoa(i) + "]"
		if why := memberNameProblem(m.Name); why != "" {
			return fail(field+".Name", why)
		}
		for _, other := range t.Members[:i] {
			if other.Name == m.Name {
				return fail(field+".Name", strconv.Quote(m.Name)+" is given twice")
			}
		}
		if !isJSONType(m.Type) {
			return fail(field+".Type", strconv.Quote(m.Type)+" is not a JSON type (string, integer, number, boolean, array, object)")
		}
		switch {
		case m.Type == "array" && !isJSONType(m.Items):
			return fail(field+".Items", strconv.Quote(m.Items)+" is not a JSON type")
		case m.Type != "array" && m.Items != "":
			return fail(field+".Items", "set on a member of type "+m.Type)
		}
	}
	return nil
}

// isJSONType reports whether t names a JSON type, as JSON Schema does.
func isJSONType(t string) bool {
	switch t {
	case "string", "integer", "number", "boolean", "array", "object":
		return true
	}
	return false
}

// isReservedMember reports whether name is an RFC 9457 member or the
// suite's errors list, which no extension member may be named.
func isReservedMember(name string) bool {
	switch name {
	case "type", "title", "status", "detail", "instance", "errors":
		return true
	}
	return false
}

// slugProblem says why s is not a valid slug, or returns "".
func slugProblem(s string) string {
	switch {
	case s == "":
		return "empty"
	case len(s) > 64:
		return "longer than 64 bytes"
	case s[0] < 'a' || s[0] > 'z':
		return strconv.Quote(s) + " does not start with a lower-case letter"
	case s[len(s)-1] == '-' || strings.Contains(s, "--"):
		return strconv.Quote(s) + " is not words joined by single hyphens"
	}
	for i := range len(s) {
		if b := s[i]; (b < 'a' || b > 'z') && (b < '0' || b > '9') && b != '-' {
			return strconv.Quote(s) + " holds a character other than a-z, 0-9 and -"
		}
	}
	return ""
}

// memberNameProblem says why name is not a valid extension member name, or
// returns "".
func memberNameProblem(name string) string {
	switch {
	case len(name) < 3:
		return strconv.Quote(name) + " is shorter than three characters"
	case isReservedMember(name):
		return strconv.Quote(name) + " is a standard member"
	case !isLetter(name[0]):
		return strconv.Quote(name) + " does not start with a letter"
	}
	for i := range len(name) {
		if b := name[i]; !isLetter(b) && (b < '0' || b > '9') && b != '_' {
			return strconv.Quote(name) + " holds a character other than letters, digits and _"
		}
	}
	return ""
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// union returns a followed by the names of b it lacks.
func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// Entries returns a copy of every entry: the 4xx codes in numeric order,
// then the documented 5xx, then the team's types in the order given to
// [New].
func (c *Catalog) Entries() []Entry { return cloneAll(c.entries) }

// Team returns a copy of the team's types, in the order given to [New].
func (c *Catalog) Team() []Entry {
	return cloneAll(c.entries[len(standard4xx)+len(standard5xx):])
}

// Lookup returns a copy of the entry whose slug is slug.
func (c *Catalog) Lookup(slug string) (Entry, bool) {
	i, ok := c.bySlug[slug]
	if !ok {
		return Entry{}, false
	}
	return c.entries[i].clone(), true
}

// ForStatus returns a copy of the standard entry of status: a registered
// 4xx code or a documented 5xx one.
func (c *Catalog) ForStatus(status int) (Entry, bool) {
	if status < 400 || status > 599 || c.byStatus[status-400] < 0 {
		return Entry{}, false
	}
	return c.entries[c.byStatus[status-400]].clone(), true
}
