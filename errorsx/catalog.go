package errorsx

import "slices"

// A Code documents one registered HTTP 4xx status code: what it means, why a
// client receives it, how the client fixes it, and what the response must
// carry. The catalog is the suite's source of truth: the renderer takes its
// titles, type slugs, required headers and caching rules from here.
type Code struct {
	// Status is the numeric code, e.g. 429.
	Status int `json:"status"`
	// Title is the RFC 9110 (or defining RFC) reason phrase.
	Title string `json:"title"`
	// Slug names the code in type URIs and on the reference site,
	// e.g. "too-many-requests".
	Slug string `json:"slug"`
	// Summary is one line: what the code says, in plain words.
	Summary string `json:"summary"`
	// Meaning explains when a server sends it, precisely.
	Meaning string `json:"meaning"`
	// Causes are the usual reasons a client receives it.
	Causes []string `json:"causes"`
	// Fixes say what the client should change.
	Fixes []string `json:"fixes"`
	// RequiredHeaders are response fields the code must carry (MUST in its
	// RFC, or suite policy for 429's Retry-After).
	RequiredHeaders []string `json:"required_headers,omitempty"`
	// RecommendedHeaders are fields the code should or may carry.
	RecommendedHeaders []string `json:"recommended_headers,omitempty"`
	// Retry says whether repeating the request can succeed, and when.
	Retry string `json:"retry"`
	// RetryInvited is true when the client may repeat the request (possibly
	// changed or after a delay) and expect a different outcome.
	RetryInvited bool `json:"retry_invited"`
	// HeuristicallyCacheable is true for the codes RFC 9110 §15.1 lets a
	// cache store without explicit freshness (404, 405, 410, 414, and 451 by
	// RFC 7725).
	HeuristicallyCacheable bool `json:"heuristically_cacheable"`
	// CacheControl is the Cache-Control value the renderer sends with this
	// code when the problem sets none ("no-store" for 401, 403, 428, 429,
	// 431), or empty.
	CacheControl string `json:"cache_control,omitempty"`
	// Unused marks a code that must never be sent (418).
	Unused bool `json:"unused,omitempty"`
	// Reference names the defining section, e.g. "RFC 9110 §15.5.1".
	Reference string `json:"reference"`
	// URL links to that section.
	URL string `json:"url"`
	// Keywords feed the symptom search; they are not shown.
	Keywords []string `json:"-"`
}

// codeIndex maps a status to its position in catalog, -1 when unregistered.
var codeIndex = func() [600]int8 {
	var idx [600]int8
	for i := range idx {
		idx[i] = -1
	}
	for i, c := range catalog {
		idx[c.Status] = int8(i)
	}
	return idx
}()

// Codes returns a copy of every registered 4xx code, in numeric order.
// Changing the copy does not change the catalog.
func Codes() []Code {
	out := make([]Code, len(catalog))
	for i, c := range catalog {
		out[i] = c.clone()
	}
	return out
}

// Lookup returns a copy of the catalog entry of a registered 4xx code.
func Lookup(status int) (Code, bool) {
	c := entry(status)
	if c == nil {
		return Code{}, false
	}
	return c.clone(), true
}

// LookupSlug returns a copy of the catalog entry whose slug is slug.
func LookupSlug(slug string) (Code, bool) {
	for i := range catalog {
		if catalog[i].Slug == slug {
			return catalog[i].clone(), true
		}
	}
	return Code{}, false
}

// entry returns the catalog's own entry for status, or nil. Callers in this
// package must not modify it.
func entry(status int) *Code {
	if status < 0 || status >= len(codeIndex) || codeIndex[status] < 0 {
		return nil
	}
	return &catalog[codeIndex[status]]
}

// clone returns c with its slices copied, so callers cannot reach the
// catalog's own memory.
func (c Code) clone() Code {
	c.Causes = slices.Clone(c.Causes)
	c.Fixes = slices.Clone(c.Fixes)
	c.RequiredHeaders = slices.Clone(c.RequiredHeaders)
	c.RecommendedHeaders = slices.Clone(c.RecommendedHeaders)
	c.Keywords = slices.Clone(c.Keywords)
	return c
}
