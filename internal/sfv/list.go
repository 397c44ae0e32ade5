package sfv

import (
	"errors"

	"github.com/dunglas/httpsfv"
)

// An Item is one member of a List: a bare value and its parameters in
// field order.
type Item struct {
	Value  any
	Params []Param
}

// A Param is one parameter of an Item.
type Param struct {
	Key   string
	Value any
}

// Param returns the value of the parameter named key, or nil when the item
// has none.
func (it Item) Param(key string) any {
	for _, p := range it.Params {
		if p.Key == key {
			return p.Value
		}
	}
	return nil
}

// ErrInnerList is returned for a List with an Inner List member, which no
// rate-limit field has.
var ErrInnerList = errors.New("sfv: inner list where an item was expected")

// ParseList parses the lines of one field as an RFC 9651 §4.2.1 List of
// Items (lines are combined as §4.2 prescribes). An empty value is an
// empty list; any syntax error is an error, as it is for a client, which
// must then ignore the whole field.
func ParseList(lines ...string) ([]Item, error) {
	list, err := httpsfv.UnmarshalList(lines)
	if err != nil {
		return nil, err
	}
	items := make([]Item, 0, len(list))
	for _, m := range list {
		it, ok := m.(httpsfv.Item)
		if !ok {
			return nil, ErrInnerList
		}
		out := Item{Value: it.Value}
		for _, k := range it.Params.Names() {
			v, _ := it.Params.Get(k)
			out.Params = append(out.Params, Param{Key: k, Value: v})
		}
		items = append(items, out)
	}
	return items, nil
}
