package problemtest

// A Violation is one way a response breaks the standard.
type Violation struct {
	// Rule names the broken rule: "answer" (Drive: the wrong status for
	// the request), "status", "media-type", "body",
	// "status-member", "member-type", "required-header", "no-store",
	// "type", "type-status", "title", "member", "pointer" or
	// "internal-text".
	Rule string
	// Detail says what was found.
	Detail string
}

// Error reads "problemtest: <rule>: <detail>".
func (v *Violation) Error() string { return "problemtest: " + v.Rule + ": " + v.Detail }
