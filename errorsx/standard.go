package errorsx

import (
	"sync"

	"github.com/fourxx/fourxx/errorsx/catalog"
)

// A statusDoc is what rendering needs of a standard catalog entry: its
// title, the slug of its type URI, the fields its responses must carry and
// its Cache-Control. It is copied from the catalog, so nothing a caller
// does to an entry it looked up or searched reaches the renderer.
type statusDoc struct {
	Title, Slug, Summary, CacheControl string
	RequiredHeaders                    []string
}

// statusDocs holds the statusDoc of every status 400–599 with a standard
// entry (index status-400), copied from [catalog.Standard] on first use.
var statusDocs = sync.OnceValue(func() *[200]*statusDoc {
	var docs [200]*statusDoc
	for _, e := range catalog.Standard().Entries() {
		docs[e.Status-400] = &statusDoc{
			Title: e.Title, Slug: e.Slug, Summary: e.Summary, CacheControl: e.CacheControl,
			RequiredHeaders: e.RequiredHeaders,
		}
	}
	return &docs
})

// documented returns the statusDoc of status, or nil when the standard
// catalog has no entry for it.
func documented(status int) *statusDoc {
	if status < 400 || status > 599 {
		return nil
	}
	return statusDocs()[status-400]
}

// Summary returns the one-line summary the standard catalog gives status,
// the sentence the suite sends as a detail when it has none better, or ""
// for a status the catalog does not document.
func Summary(status int) string {
	if d := documented(status); d != nil {
		return d.Summary
	}
	return ""
}
