package catalog_test

import (
	"github.com/fourxx/fourxx/errorsx/catalog"
)

// codes4xx returns the standard entries of the registered 4xx codes.
func codes4xx() []catalog.Entry { return byClass(4) }

// codes5xx returns the standard entries of the documented 5xx codes.
func codes5xx() []catalog.Entry { return byClass(5) }

func byClass(class int) []catalog.Entry {
	var out []catalog.Entry
	for _, e := range catalog.Standard().Entries() {
		if e.Status/100 == class {
			out = append(out, e)
		}
	}
	return out
}
