package reference

// A note tells two codes that are often confused apart; the pages of both
// show it and link to each other.
type note struct {
	Heading string
	Text    string
	// SeeAlso lists the codes the note compares, the page's own included.
	SeeAlso []int
}

var (
	authNote = note{
		Heading: "401 or 403?",
		Text: "401 Unauthorized means the server does not know who you are: the credentials are missing, malformed, expired or wrong. " +
			"It always carries a WWW-Authenticate challenge that says how to authenticate, and sending the request again with valid credentials can succeed. " +
			"403 Forbidden means the server knows who you are and that identity may not do this: sending the same credentials again will not help; " +
			"use an identity that has the permission or scope, or ask for it to be granted.",
		SeeAlso: []int{401, 403},
	}
	syntaxNote = note{
		Heading: "400 or 422?",
		Text: "400 Bad Request means the server could not read the request at all: malformed JSON, a broken query string, an invalid header. " +
			"422 Unprocessable Content means the request was read fine but its values break the rules: a required field is missing, a number is out of range. " +
			"A 422 from fourxx lists every offending field in errors, each with a JSON Pointer.",
		SeeAlso: []int{400, 422},
	}
	goneNote = note{
		Heading: "404 or 410?",
		Text: "404 Not Found says nothing about the future: the resource may appear later, or the server may hide one you may not see. " +
			"410 Gone says the resource existed and was removed on purpose, probably for good: remove links and bookmarks to it.",
		SeeAlso: []int{404, 410},
	}
	proxyNote = note{
		Heading: "407 or 401?",
		Text: "407 Proxy Authentication Required comes from a proxy between you and the server and asks for Proxy-Authorization. " +
			"401 Unauthorized comes from the server itself and asks for Authorization.",
		SeeAlso: []int{401, 407},
	}
)

// notesOf returns the notes the page of status shows.
func notesOf(status int) []note {
	switch status {
	case 400, 422:
		return []note{syntaxNote}
	case 401:
		return []note{authNote, proxyNote}
	case 403:
		return []note{authNote}
	case 404, 410:
		return []note{goneNote}
	case 407:
		return []note{proxyNote}
	}
	return nil
}
