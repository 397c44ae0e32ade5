package catalog_test

import (
	"fmt"

	"github.com/fourxx/fourxx/errorsx/catalog"
)

// Search takes what a developer types when a request fails: a status
// number or prefix, a name, or the symptom in plain words.
func ExampleCatalog_Search() {
	for _, q := range []string{"token expired", "file too big", "wrong method", "teapot"} {
		best := catalog.Standard().Search(q)[0]
		fmt.Printf("%-14s → %d %s\n", q, best.Status, best.Title)
	}
	for _, c := range catalog.Standard().Search("42") {
		fmt.Print(c.Status, " ")
	}
	fmt.Println()
	// Output:
	// token expired  → 401 Unauthorized
	// file too big   → 413 Content Too Large
	// wrong method   → 405 Method Not Allowed
	// teapot         → 418 (Unused)
	// 421 422 423 424 425 426 428 429
}

// ForStatus returns the standard entry the renderer relies on: the title, the
// slug of the type URI, the headers the response must carry, and caching.
func ExampleCatalog_ForStatus() {
	c, ok := catalog.Standard().ForStatus(429)
	fmt.Println(ok, c.Title, c.Slug)
	fmt.Println("required:", c.RequiredHeaders, "cache-control:", c.CacheControl)
	fmt.Println("retry invited:", c.RetryInvited)
	fmt.Println(c.Reference, c.URL)

	_, ok = catalog.Standard().ForStatus(420)
	fmt.Println("420 registered:", ok)
	// Output:
	// true Too Many Requests too-many-requests
	// required: [Retry-After] cache-control: no-store
	// retry invited: true
	// RFC 6585 §4 https://www.rfc-editor.org/rfc/rfc6585#section-4
	// 420 registered: false
}
