package reference_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// Requests that arrive together at a site not yet built all wait for the
// same build and get the same bytes and validators, whichever part of the
// site they ask for.
func TestConcurrentFirstRequests(t *testing.T) {
	h := benchHandler()
	paths := []string{"/problems/", "/problems/too-many-requests", "/problems/429", "/problems/openapi.json", "/problems/assets/style.css", "/problems/?q=token"}
	const perPath = 8
	type answer struct {
		code          int
		etag, lastMod string
		body          string
	}
	answers := make([][]answer, len(paths))
	var wg sync.WaitGroup
	for i, path := range paths {
		answers[i] = make([]answer, perPath)
		for j := range perPath {
			wg.Go(func() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
				answers[i][j] = answer{rec.Code, rec.Header().Get("ETag"), rec.Header().Get("Last-Modified"), rec.Body.String()}
			})
		}
	}
	wg.Wait()
	for i, path := range paths {
		first := answers[i][0]
		if first.code != http.StatusOK && first.code != http.StatusMovedPermanently {
			t.Errorf("%s: status %d", path, first.code)
		}
		for _, a := range answers[i][1:] {
			if a != first {
				t.Errorf("%s: concurrent first requests got different answers: %d %s vs %d %s", path, a.code, a.etag, first.code, first.etag)
				break
			}
		}
	}
}
