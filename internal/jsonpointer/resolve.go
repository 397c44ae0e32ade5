package jsonpointer

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
)

// ErrNotFound is returned by [Resolve] when the pointer names a location the
// document does not have.
var ErrNotFound = errors.New("jsonpointer: location not found")

// Resolve returns the raw JSON value that pointer p (string or fragment form)
// refers to in doc. An object member is matched by exact name; when a name
// occurs twice the last occurrence wins, as in encoding/json. An array
// element is addressed by a decimal index without leading zeros (RFC 6901
// §4); "-" never resolves. Errors are [ErrSyntax], [ErrNotFound] or a JSON
// syntax error from doc.
func Resolve(doc []byte, p string) (json.RawMessage, error) {
	tokens, err := Parse(p)
	if err != nil {
		return nil, err
	}
	cur := json.RawMessage(bytes.TrimSpace(doc))
	for _, tok := range tokens {
		if cur, err = child(cur, tok); err != nil {
			return nil, err
		}
	}
	return cur, nil
}

// child returns the member or element tok of the object or array v.
func child(v json.RawMessage, tok string) (json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(v))
	open, err := dec.Token()
	if err != nil {
		return nil, err
	}
	var found json.RawMessage
	switch open {
	case json.Delim('{'):
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return nil, err
			}
			var val json.RawMessage
			if err := dec.Decode(&val); err != nil {
				return nil, err
			}
			if key == tok {
				found = val
			}
		}
	case json.Delim('['):
		idx, ok := arrayIndex(tok)
		for i := 0; dec.More(); i++ {
			var val json.RawMessage
			if err := dec.Decode(&val); err != nil {
				return nil, err
			}
			if ok && i == idx {
				found = val
			}
		}
	}
	if found == nil {
		return nil, ErrNotFound
	}
	return found, nil
}

// arrayIndex parses an RFC 6901 array-index: "0" or a decimal without a
// leading zero.
func arrayIndex(tok string) (int, bool) {
	if tok == "" || (len(tok) > 1 && tok[0] == '0') {
		return 0, false
	}
	for i := 0; i < len(tok); i++ {
		if tok[i] < '0' || tok[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(tok)
	return n, err == nil
}
