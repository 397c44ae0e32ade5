package errorsx

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
)

// MarshalJSON writes the problem as an RFC 9457 JSON object with the members
// as they are set: empty members are omitted, extensions are written at the
// top level after the standard members, sorted by name, and names that
// collide with a standard member are skipped. Header and cause are never
// written. A Renderer, not MarshalJSON, applies titles, type URIs and the
// 5xx detail policy.
func (p *Problem) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	sep := func() {
		if len(b) > 1 {
			b = append(b, ',')
		}
	}
	for _, m := range [...]struct{ name, value string }{{"type", p.Type}, {"title", p.Title}} {
		if m.value != "" {
			sep()
			b = appendJSONString(append(appendJSONString(b, m.name), ':'), m.value)
		}
	}
	if p.Status != 0 {
		sep()
		b = strconv.AppendInt(append(b, `"status":`...), int64(p.Status), 10)
	}
	for _, m := range [...]struct{ name, value string }{{"detail", p.Detail}, {"instance", p.Instance}} {
		if m.value != "" {
			sep()
			b = appendJSONString(append(appendJSONString(b, m.name), ':'), m.value)
		}
	}
	if len(p.Errors) > 0 {
		errs, err := json.Marshal(p.Errors)
		if err != nil {
			return nil, err
		}
		sep()
		b = append(append(b, `"errors":`...), errs...)
	}
	for _, name := range slices.Sorted(maps.Keys(p.Extensions)) {
		if reservedMembers[name] {
			continue
		}
		v, err := json.Marshal(p.Extensions[name])
		if err != nil {
			return nil, err
		}
		sep()
		b = append(append(appendJSONString(b, name), ':'), v...)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads an RFC 9457 JSON object. As §3.1 requires of a
// consumer, a standard member of the wrong JSON type is ignored rather than
// failing the whole document; unknown members become Extensions.
func (p *Problem) UnmarshalJSON(data []byte) error {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	*p = Problem{}
	for name, raw := range members {
		switch name {
		case "type":
			_ = json.Unmarshal(raw, &p.Type)
		case "title":
			_ = json.Unmarshal(raw, &p.Title)
		case "detail":
			_ = json.Unmarshal(raw, &p.Detail)
		case "instance":
			_ = json.Unmarshal(raw, &p.Instance)
		case "status":
			var n json.Number
			if json.Unmarshal(raw, &n) == nil {
				if v, err := strconv.Atoi(n.String()); err == nil {
					p.Status = v
				}
			}
		case "errors":
			p.Errors = decodeFieldErrors(raw)
		default:
			var v any
			if json.Unmarshal(raw, &v) == nil {
				p.With(name, v)
			}
		}
	}
	return nil
}

// decodeFieldErrors keeps the entries of an errors array that are objects;
// an errors member that is not an array yields nil.
func decodeFieldErrors(raw json.RawMessage) []FieldError {
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return nil
	}
	var out []FieldError
	for _, item := range items {
		var fe FieldError
		if json.Unmarshal(item, &fe) == nil {
			out = append(out, fe)
		}
	}
	return out
}
