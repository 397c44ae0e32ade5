package ratelimit_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/fourxx/fourxx/ratelimit"
)

// fullStore is a Store of the user's own that reports a full store with
// ErrFull wrapped in its own error, without a FullError.
type fullStore struct{}

func (fullStore) Take(context.Context, string, int, []ratelimit.Policy, []ratelimit.BucketState) error {
	return fmt.Errorf("mystore: %w", ratelimit.ErrFull)
}

// A full store gets a 503 whatever the failure policy, also when its error
// only matches ErrFull: failing open on it would serve a flood of new keys
// without any limit.
func TestAnyErrFullIsRefusedUnderEveryPolicy(t *testing.T) {
	for _, policy := range []ratelimit.FailurePolicy{ratelimit.FailOpen, ratelimit.FailClosed} {
		l := ratelimit.New(ratelimit.Options{
			Policies:          []ratelimit.Policy{{Name: "p", Rate: rate.Limit(1), Burst: 1}},
			Store:             fullStore{},
			FailurePolicy:     policy,
			FailureRetryAfter: 7 * time.Second,
		})
		served := false
		h := l.Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { served = true }))
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if served || rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != "7" || l.FailOpens() != 0 {
			t.Errorf("policy %v: served %v, status %d, Retry-After %q, fail-opens %d; want a 503 with Retry-After 7 and no fail-open",
				policy, served, rec.Code, rec.Header().Get("Retry-After"), l.FailOpens())
		}
	}
}
