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

// New adds a team's own problem types to the standard entries, once, at
// start-up; the renderer, the reference site and the test helpers all read
// the same value.
func ExampleNew() {
	cat := catalog.New(catalog.Entry{
		Slug: "order-locked", Status: 409, Title: "Order locked",
		Summary: "Someone else is editing the order; retry when their lock expires.",
		Members: []catalog.Member{
			{Name: "holder", Type: "string", Description: "Who holds the lock", Required: true},
		},
	})
	e, _ := cat.Lookup("order-locked")
	fmt.Println(e.Status, e.Title, e.Team, e.Members[0].Name)
	for _, e := range cat.Search("409") {
		fmt.Println(e.Slug)
	}

	err := catalog.Validate(catalog.Entry{Slug: "Order_Locked", Status: 409, Title: "Order locked", Summary: "…"})
	fmt.Println(err)
	// Output:
	// 409 Order locked true holder
	// conflict
	// order-locked
	// catalog: "Order_Locked": Slug: "Order_Locked" does not start with a lower-case letter
}
