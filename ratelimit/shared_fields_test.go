package ratelimit_test

import (
	"net/http"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/fourxx/fourxx/ratelimit"
)

// The RateLimit and RateLimit-Policy values a limiter puts in a response
// are prepared once and shared between responses. A handler that adds its
// own lines to either field after the limiter must not change what any
// other response carries: each response keeps exactly the limiter's lines
// plus its own handler's.
func TestAddedFieldLinesStayWithTheirResponse(t *testing.T) {
	for name, policies := range map[string][]ratelimit.Policy{
		"one policy":   {{Name: "p", Rate: 1, Burst: 5}},
		"two policies": {{Name: "p", Rate: 1, Burst: 5}, {Name: "q", Rate: 2, Burst: 5}},
	} {
		t.Run(name, func(t *testing.T) {
			clock := newClock()
			l := ratelimit.New(ratelimit.Options{Renderer: strict, Policies: policies,
				Store: ratelimit.NewMemoryStore(ratelimit.MemoryOptions{Now: clock.Now})})
			var own string // what the next response's handler adds
			h := l.Handler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				if own != "" {
					w.Header().Add("RateLimit", `"`+own+`";r=1`)
					w.Header().Add("RateLimit-Policy", `"`+own+`";q=1;w=1`)
				}
			}))
			var recs []http.Header
			var lim, pol []string // the limiter's own lines, from a response without additions
			for i := range 4 {
				own = ""
				if i > 0 {
					own = "handler-" + strconv.Itoa(i)
				}
				recs = append(recs, do(h, "192.0.2.1:1").Header())
				if i == 0 {
					lim, pol = recs[0].Values("RateLimit"), recs[0].Values("RateLimit-Policy")
				}
				// Every bucket is full again: each response gets the same
				// prepared lines.
				clock.Advance(10 * time.Second)
			}
			if len(lim) != 1 || len(pol) != 1 {
				t.Fatalf("limiter lines RateLimit %q, RateLimit-Policy %q", lim, pol)
			}
			for i, hdr := range recs {
				wantLim, wantPol := lim, pol
				if i > 0 {
					own := "handler-" + strconv.Itoa(i)
					wantLim = []string{lim[0], `"` + own + `";r=1`}
					wantPol = []string{pol[0], `"` + own + `";q=1;w=1`}
				}
				if got := hdr.Values("RateLimit"); !slices.Equal(got, wantLim) {
					t.Errorf("response %d: RateLimit %q, want %q", i, got, wantLim)
				}
				if got := hdr.Values("RateLimit-Policy"); !slices.Equal(got, wantPol) {
					t.Errorf("response %d: RateLimit-Policy %q, want %q", i, got, wantPol)
				}
			}
			// A later response without additions carries the limiter's
			// lines only.
			own = ""
			hdr := do(h, "192.0.2.1:1").Header()
			if got := hdr.Values("RateLimit"); !slices.Equal(got, lim) {
				t.Errorf("later response: RateLimit %q, want %q", got, lim)
			}
			if got := hdr.Values("RateLimit-Policy"); !slices.Equal(got, pol) {
				t.Errorf("later response: RateLimit-Policy %q, want %q", got, pol)
			}
		})
	}
}
