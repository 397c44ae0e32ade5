package catalog

import "slices"

// An Entry documents one problem type: what it means, why a client
// receives it, how the client fixes it, and what the response must carry.
// The standard entries document a status code each (the 29 registered 4xx
// codes and the 5xx the suite sends); a team's own entries document the
// problem types its API defines on top of them, such as "out-of-credit"
// sent with 403.
//
// An Entry returned by a [Catalog] is a copy: changing it, its slices
// included, changes nothing in the catalog.
type Entry struct {
	// Slug names the type in type URIs (the renderer's type base + Slug) and
	// on the reference site, e.g. "too-many-requests" or "out-of-credit":
	// lower-case letters and digits in words joined by single hyphens,
	// starting with a letter, at most 64 bytes.
	Slug string `json:"slug"`
	// Status is the HTTP status code sent with the type, 400–599.
	Status int `json:"status"`
	// Title is the type's short, human-readable summary. For a standard
	// entry it is the RFC 9110 (or defining RFC) reason phrase.
	Title string `json:"title"`
	// Summary is one line: what the type says, in plain words.
	Summary string `json:"summary"`
	// Meaning explains when a server sends it, precisely.
	Meaning string `json:"meaning,omitempty"`
	// Causes are the usual reasons a client receives it.
	Causes []string `json:"causes,omitempty"`
	// Fixes say what the client should change.
	Fixes []string `json:"fixes,omitempty"`
	// Members are the extension members a problem of this type carries
	// besides the standard ones (RFC 9457 §3.2).
	Members []Member `json:"members,omitempty"`
	// RequiredHeaders are response fields the type must carry: for a
	// standard entry, MUST in its RFC (or suite policy for 429's
	// Retry-After); a team's entry inherits those of its status.
	RequiredHeaders []string `json:"required_headers,omitempty"`
	// RecommendedHeaders are fields the type should or may carry.
	RecommendedHeaders []string `json:"recommended_headers,omitempty"`
	// Retry says whether repeating the request can succeed, and when.
	Retry string `json:"retry,omitempty"`
	// RetryInvited is true when the client may repeat the request (possibly
	// changed or after a delay) and expect a different outcome.
	RetryInvited bool `json:"retry_invited"`
	// HeuristicallyCacheable is true for the codes RFC 9110 §15.1 lets a
	// cache store without explicit freshness (404, 405, 410, 414, and 451 by
	// RFC 7725).
	HeuristicallyCacheable bool `json:"heuristically_cacheable"`
	// CacheControl is the Cache-Control value the renderer sends with the
	// type when the problem sets none ("no-store" for 401, 403, 428, 429,
	// 431; "no-cache" for 405), or empty. A team's entry inherits its
	// status's.
	CacheControl string `json:"cache_control,omitempty"`
	// Unused marks a code that must never be sent (418).
	Unused bool `json:"unused,omitempty"`
	// Reference names the defining document, e.g. "RFC 9110 §15.5.1".
	Reference string `json:"reference,omitempty"`
	// URL links to that document.
	URL string `json:"url,omitempty"`
	// Keywords feed the search; they are not shown.
	Keywords []string `json:"-"`
	// Team is set by the catalog on the entries a team added with [New];
	// it is false on the standard entries and ignored when given.
	Team bool `json:"team"`
}

// A Member documents one extension member of a problem type.
type Member struct {
	// Name is the member's name in the document: a letter, then letters,
	// digits or underscores, at least three characters (RFC 9457 §3.2), so
	// that it is also a valid XML element name.
	Name string `json:"name"`
	// Type is the member's JSON type: "string", "integer", "number",
	// "boolean", "array" or "object".
	Type string `json:"type"`
	// Items is the JSON type of the elements when Type is "array"
	// (one of the same names), and empty otherwise.
	Items string `json:"items,omitempty"`
	// Description says what the member holds.
	Description string `json:"description"`
	// Required is true when every problem of the type carries the member.
	Required bool `json:"required"`
	// Example is a value of the member shown in example responses and in
	// OpenAPI schemas; nil means a placeholder of its type.
	Example any `json:"example,omitempty"`
}

// clone returns e with its slices copied, so callers cannot reach the
// catalog's own memory.
func (e Entry) clone() Entry {
	e.Causes = slices.Clone(e.Causes)
	e.Fixes = slices.Clone(e.Fixes)
	e.Members = slices.Clone(e.Members)
	e.RequiredHeaders = slices.Clone(e.RequiredHeaders)
	e.RecommendedHeaders = slices.Clone(e.RecommendedHeaders)
	e.Keywords = slices.Clone(e.Keywords)
	return e
}

// cloneAll returns copies of entries.
func cloneAll(entries []Entry) []Entry {
	out := make([]Entry, len(entries))
	for i, e := range entries {
		out[i] = e.clone()
	}
	return out
}
