// The race detector makes sync.Pool drop items at random, which adds
// allocations these counts would take for regressions.

//go:build !race

package validate_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/middleware/validate"
)

// TestQueryWithoutParameters: a request without a query string is not
// decoded (no parsed url.Values, no form decoder), only checked against the
// rules: a valid one costs one allocation (the value the validator is
// given), where parsing and decoding the empty query made it four, and
// keeping the validator's empty verdict on the heap made it two.
func TestQueryWithoutParameters(t *testing.T) {
	type optional struct {
		Limit *int `query:"limit" validate:"omitempty,min=1,max=100"`
	}
	v := validate.New(validate.Options{})
	r := httptest.NewRequest(http.MethodGet, "/widgets", nil)
	n := testing.AllocsPerRun(100, func() {
		if _, err := validate.QueryWith[optional](v, r); err != nil {
			t.Fatal(err)
		}
	})
	if n > 1 {
		t.Errorf("%.0f allocations for a request without parameters, want at most 1", n)
	}
}
