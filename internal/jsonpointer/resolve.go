package jsonpointer

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
)

// ErrNotFound is returned by [Resolve] when the pointer names a location the
// document does not have.
var ErrNotFound = errors.New("jsonpointer: location not found")

// Resolve returns the raw JSON value that pointer p (string or fragment form)
// refers to in doc. An object member is matched by exact name; when a name
// occurs twice the last occurrence wins, as in encoding/json. An array
// element is addressed by a decimal index without leading zeros (RFC 6901
// §4); "-" never resolves. Errors are [ErrSyntax], [ErrNotFound] or what
// is wrong with doc: a *json.SyntaxError, or io.ErrUnexpectedEOF when doc
// ends before the value that holds the location does.
//
// Resolve reads doc once, from the start to the end of its value: a value
// beside the path is skipped, one on the path is read by the step below, so
// the work is linear in the size of doc whatever its depth.
func Resolve(doc []byte, p string) (json.RawMessage, error) {
	tokens, err := Parse(p)
	if err != nil {
		return nil, err
	}
	if len(tokens) == 0 {
		return json.RawMessage(bytes.TrimSpace(doc)), nil
	}
	r := resolver{dec: json.NewDecoder(bytes.NewReader(doc))}
	found, err := r.value(tokens)
	if errors.Is(err, io.EOF) {
		return nil, io.ErrUnexpectedEOF
	}
	if err != nil {
		return nil, err
	}
	if found == nil {
		return nil, ErrNotFound
	}
	return found, nil
}

// A resolver reads one document as a stream of tokens.
type resolver struct {
	dec  *json.Decoder
	skip json.RawMessage // reused for the values beside the path
}

// value reads the next value of the stream and returns the value within it
// that tokens locate, or nil when it has none.
func (r *resolver) value(tokens []string) (json.RawMessage, error) {
	if len(tokens) == 0 {
		var found json.RawMessage
		if err := r.dec.Decode(&found); err != nil {
			return nil, err
		}
		return found, nil
	}
	open, err := r.dec.Token()
	if err != nil {
		return nil, err
	}
	var found json.RawMessage
	switch open {
	case json.Delim('{'):
		for r.dec.More() {
			key, err := r.dec.Token()
			if err != nil {
				return nil, err
			}
			if key != tokens[0] {
				err = r.dec.Decode(&r.skip)
			} else { // a later member of the same name replaces what this one held
				found, err = r.value(tokens[1:])
			}
			if err != nil {
				return nil, err
			}
		}
	case json.Delim('['):
		idx, ok := arrayIndex(tokens[0])
		for i := 0; r.dec.More(); i++ {
			if ok && i == idx {
				found, err = r.value(tokens[1:])
			} else {
				err = r.dec.Decode(&r.skip)
			}
			if err != nil {
				return nil, err
			}
		}
	default: // a scalar has no members
		return nil, nil
	}
	if _, err := r.dec.Token(); err != nil { // the closing delimiter
		return nil, err
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
