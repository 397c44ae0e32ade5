package reference

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// Last-Modified is the time the site was constructed, not the time of the
// first request that built it, and the ETags depend on the bytes alone: a
// site built late answers with the same validators as one built at once.
func TestValidatorsDoNotDependOnWhenTheSiteIsBuilt(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "/problems/"})
	constructed := time.Date(2024, 5, 6, 7, 8, 9, 500, time.UTC)
	late := newSite(rd, "/problems/", "HTTP 4xx reference", constructed)
	early := newSite(rd, "/problems/", "HTTP 4xx reference", constructed)
	early.pages()
	for _, path := range []string{"/problems/", "/problems/not-found", "/problems/openapi.json", "/problems/assets/search.js"} {
		a, b := httptest.NewRecorder(), httptest.NewRecorder()
		late.ServeHTTP(a, httptest.NewRequest(http.MethodGet, path, nil))
		early.ServeHTTP(b, httptest.NewRequest(http.MethodGet, path, nil))
		if got, want := a.Header().Get("Last-Modified"), constructed.Truncate(time.Second).Format(http.TimeFormat); got != want {
			t.Errorf("%s: Last-Modified %q, want the construction time %q", path, got, want)
		}
		if a.Header().Get("ETag") == "" || a.Header().Get("ETag") != b.Header().Get("ETag") || a.Body.String() != b.Body.String() {
			t.Errorf("%s: ETag %q built late, %q built early", path, a.Header().Get("ETag"), b.Header().Get("ETag"))
		}
	}
}
