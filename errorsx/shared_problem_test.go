package errorsx_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// A prepared problem whose Vary lines leave spare capacity (three WithHeader
// calls grow the slice to capacity 4): merging "Accept" into the response's
// Vary must not write into the problem's own memory, or two requests written
// with it at once race, and a later change to the problem rewrites a
// response that was already built.
func TestPreparedProblemHeadersAreNotShared(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true})
	p := errorsx.NotFound("x").WithHeader("Vary", "Origin").WithHeader("Vary", "Cookie").WithHeader("Vary", "Authorization")

	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			rd.Write(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), p)
		})
	}
	wg.Wait()

	rec := httptest.NewRecorder()
	rd.Write(rec, httptest.NewRequest("GET", "/", nil), p)
	p.WithHeader("Vary", "X-Later")
	if got := rec.Header().Values("Vary"); fmt.Sprint(got) != "[Origin Cookie Authorization Accept]" {
		t.Errorf("response Vary %v after the problem changed", got)
	}
	if got := p.Header.Values("Vary"); fmt.Sprint(got) != "[Origin Cookie Authorization X-Later]" {
		t.Errorf("problem Vary %v", got)
	}
}

// Options.Map may return one shared problem for a domain error. The renderer
// must log each request's own error as the cause and leave the shared
// problem untouched, so concurrent requests do not race on it.
func TestMapMayReturnASharedProblem(t *testing.T) {
	shared := errorsx.NotFound("No such widget.")
	logger, logs := logBuffer()
	rd := errorsx.NewRenderer(errorsx.Options{Logger: logger, Map: func(error) *errorsx.Problem { return shared }})

	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			rd.Write(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), fmt.Errorf("concurrent %d", i))
		})
	}
	wg.Wait()
	logs.Reset()

	for _, cause := range []string{"first widget lookup", "second widget lookup"} {
		rec := httptest.NewRecorder()
		rd.Write(rec, httptest.NewRequest("GET", "/", nil), errors.New(cause))
		if rec.Code != 404 {
			t.Fatalf("status %d", rec.Code)
		}
		if !strings.Contains(logs.String(), cause) {
			t.Errorf("log does not name this request's cause %q: %s", cause, logs)
		}
		logs.Reset()
	}
	if shared.Unwrap() != nil {
		t.Errorf("the shared problem was given a cause: %v", shared.Unwrap())
	}
}

// The renderer's own field values (Content-Type, Vary, nosniff, the
// catalog's Cache-Control) are shared by every response and full to
// capacity: code that appends to one response's fields afterwards gets a
// copy, and no other response changes.
func TestRendererFieldValuesAreNotShared(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{})
	problems := []func() error{
		func() error { return errorsx.TooManyRequests(time.Second, "slow down") },
		func() error { return errorsx.Prepare(errorsx.TooManyRequests(time.Second, "prepared")) },
	}
	for i, p := range problems {
		for _, accept := range []string{"", "application/json", "application/problem+xml"} {
			write := func() http.Header {
				req := httptest.NewRequest("GET", "/", nil)
				if accept != "" {
					req.Header.Set("Accept", accept)
				}
				rec := httptest.NewRecorder()
				rd.Write(rec, req, p())
				return rec.Header()
			}
			first, second := write(), write()
			want := fmt.Sprint(write())
			for _, name := range []string{"Content-Type", "Vary", "X-Content-Type-Options", "Cache-Control"} {
				first.Add(name, "first")
				second.Add(name, "second")
				if v := first.Values(name); v[len(v)-1] != "first" {
					t.Errorf("problem %d, Accept %q: appending to one response's %s changed another's: %q", i, accept, name, v)
				}
			}
			if got := fmt.Sprint(write()); got != want {
				t.Errorf("problem %d, Accept %q: appending to responses changed the next: %s, want %s", i, accept, got, want)
			}
		}
	}
}
