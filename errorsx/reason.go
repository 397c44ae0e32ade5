package errorsx

import "net/http"

// serverReasons are the RFC 9110 §15.6 reason phrases of the 5xx codes
// that serverCatalog does not document.
var serverReasons = map[int]string{
	505: "HTTP Version Not Supported",
	506: "Variant Also Negotiates",
	507: "Insufficient Storage",
	508: "Loop Detected",
	510: "Not Extended",
	511: "Network Authentication Required",
}

// serverDetails are the generic details the renderer sends in place of a 5xx
// problem's own detail, so internal error text never reaches a client.
var serverDetails = map[int]string{
	500: "The server hit an unexpected condition and could not complete the request. It has been logged; retrying later may succeed.",
	501: "The server does not implement what this request needs.",
	502: "An upstream server sent an invalid response; retrying later may succeed.",
	503: "The service is temporarily unavailable; retry later.",
	504: "An upstream server did not answer in time; retrying later may succeed.",
}

// ReasonPhrase returns the registered reason phrase of status as RFC 9110
// (and the RFCs that registered later codes) spell it: 413 is "Content Too
// Large" and 422 "Unprocessable Content", unlike http.StatusText. It returns
// "" for an unregistered code.
func ReasonPhrase(status int) string {
	if c := documented(status); c != nil {
		return c.Title
	}
	if s, ok := serverReasons[status]; ok {
		return s
	}
	if status < 400 {
		return http.StatusText(status)
	}
	return ""
}

// genericDetail returns the detail sent for a 5xx problem.
func genericDetail(status int) string {
	if d, ok := serverDetails[status]; ok {
		return d
	}
	return "The server could not complete the request."
}
