package errorsx

// A FieldError is one entry of a problem's "errors" list: one thing wrong
// with one location of the request. Exactly one of Pointer, Parameter and
// Header names the location.
type FieldError struct {
	// Detail is a short sentence for a person: "must be at most 64 characters".
	Detail string `json:"detail" xml:"detail"`
	// Pointer is an RFC 6901 JSON Pointer into the request body written as a
	// URI fragment, e.g. "#/items/3/name".
	Pointer string `json:"pointer,omitempty" xml:"pointer,omitempty"`
	// Parameter names a query parameter, e.g. "limit".
	Parameter string `json:"parameter,omitempty" xml:"parameter,omitempty"`
	// Header names a request header field, e.g. "If-Match".
	Header string `json:"header,omitempty" xml:"header,omitempty"`
	// Code is a stable machine-readable rule name, e.g. "required" or "max".
	Code string `json:"code,omitempty" xml:"code,omitempty"`
	// Value is the offending value. It is only set when the application has
	// opted in to echoing values; nil is omitted.
	Value any `json:"value,omitempty" xml:"-"`
}
