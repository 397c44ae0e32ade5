package errorsx_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
)

// The copy errors.As finds in a Prepared shares no list with it: changing
// a []string member of the copy changes neither the prepared problem nor
// what is written for the next request.
func TestPreparedCopySharesNoList(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{})
	pp := errorsx.Prepare(errorsx.New(http.StatusTooManyRequests, "slow down").With("violated_policies", []string{"global"}))
	var p *errorsx.Problem
	if !errors.As(error(pp), &p) {
		t.Fatal("errors.As found no *Problem")
	}
	p.Extensions["violated_policies"].([]string)[0] = "changed"
	if got := pp.Problem().Extensions["violated_policies"].([]string); !slices.Equal(got, []string{"global"}) {
		t.Errorf("prepared problem's list is %q after a copy's was changed", got)
	}
	rec := httptest.NewRecorder()
	rd.Write(rec, httptest.NewRequest(http.MethodGet, "/", nil), pp)
	if body := rec.Body.String(); !strings.Contains(body, `"violated_policies":["global"]`) {
		t.Errorf("written body carries the copy's change: %s", body)
	}
}
