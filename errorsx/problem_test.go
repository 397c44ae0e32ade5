package errorsx_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

func TestConstructors(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "/p/", Strict: true})
	tests := []struct {
		p            *errorsx.Problem
		status       int
		title, typ   string
		detailInBody string
	}{
		{errorsx.Conflict("A widget named gear exists."), 409, "Conflict", "/p/conflict", "A widget named gear exists."},
		{errorsx.Gone("Widget 7 was deleted."), 410, "Gone", "/p/gone", "Widget 7 was deleted."},
		{errorsx.PreconditionFailed("Widget 7 changed; fetch it again."), 412, "Precondition Failed", "/p/precondition-failed", "Widget 7 changed; fetch it again."},
		{errorsx.InternalServerError(errors.New("x")), 500, "Internal Server Error", "/p/internal-server-error", "unexpected condition"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			rec := httptest.NewRecorder()
			rd.Write(rec, httptest.NewRequest("GET", "/", nil), tt.p)
			body := rec.Body.String()
			if rec.Code != tt.status || !strings.Contains(body, `"title":"`+tt.title+`"`) ||
				!strings.Contains(body, `"type":"`+tt.typ+`"`) || !strings.Contains(body, tt.detailInBody) {
				t.Errorf("%d %s", rec.Code, body)
			}
		})
	}
}

var problemSink *errorsx.Problem

// UnprocessableContent keeps the caller's list rather than copying it, and
// a later WithErrors never writes into the caller's memory.
func TestUnprocessableContentKeepsTheList(t *testing.T) {
	errs := make([]errorsx.FieldError, 2, 8)
	errs[0].Detail, errs[1].Detail = "a", "b"
	p := errorsx.UnprocessableContent("2 fields", errs...)
	if &p.Errors[0] != &errs[0] {
		t.Error("the list was copied")
	}
	p.WithErrors(errorsx.FieldError{Detail: "c"})
	if spare := errs[:3]; spare[2].Detail != "" || len(p.Errors) != 3 {
		t.Errorf("WithErrors wrote into the caller's array: %+v", spare)
	}
	if n := testing.AllocsPerRun(100, func() { problemSink = errorsx.UnprocessableContent("2 fields", errs...) }); n != 1 {
		t.Errorf("%v allocations, want 1 (the problem)", n)
	}
}

// Issue 11 item 10: a 5xx detail is sent only when marked public; the
// default stays hidden, and changing a marked detail hides it again.
func TestPublicServerDetailIsOptIn(t *testing.T) {
	const maintenance = "Payments are down for maintenance until 14:00 UTC."
	changed := errorsx.ServiceUnavailable(time.Minute, nil)
	changed.Detail = "redis at 10.0.0.7 is down"
	tests := []struct {
		name string
		p    *errorsx.Problem
		sent bool
		text string
	}{
		{"marked", errorsx.ServiceUnavailable(time.Hour, errors.New("maintenance window")).WithPublicDetail(maintenance), true, maintenance},
		{"marked on New", errorsx.New(503, "").WithPublicDetail(maintenance).WithHeader("Retry-After", "3600"), true, maintenance},
		{"not marked", errorsx.New(503, maintenance).WithHeader("Retry-After", "3600"), false, maintenance},
		{"WithDetail after the constructor's", errorsx.ServiceUnavailable(time.Minute, nil).WithDetail("redis at 10.0.0.7 is down"), false, "10.0.0.7"},
		{"field set after the constructor's", changed, false, "10.0.0.7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			errorsx.NewRenderer(errorsx.Options{Strict: true}).Write(rec, httptest.NewRequest("GET", "/", nil), tt.p)
			if got := strings.Contains(rec.Body.String(), tt.text); got != tt.sent {
				t.Errorf("detail sent = %v, want %v: %s", got, tt.sent, rec.Body)
			}
		})
	}
}

// Clone shares no mutable memory with the original.
func TestClone(t *testing.T) {
	shared := errorsx.TooManyRequests(time.Second, "slow down").With("violated_policies", []string{"default"}).
		WithErrors(errorsx.FieldError{Detail: "x"})
	c := shared.Clone().WithHeader("Retry-After", "9").With("extra", 1).WithDetail("per request")
	c.Errors[0].Detail = "changed"
	if shared.Header.Values("Retry-After")[0] != "1" || len(shared.Header.Values("Retry-After")) != 1 ||
		shared.Extensions["extra"] != nil || shared.Detail != "slow down" || shared.Errors[0].Detail != "x" {
		t.Errorf("the original changed: %+v", shared)
	}
}

// Observe gets a value describing what was sent, never the problem.
func TestObserveGetsWhatWasSent(t *testing.T) {
	var got []errorsx.Observation
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: "/p/", Observe: func(_ *http.Request, o errorsx.Observation) { got = append(got, o) }})
	cause := errors.New("db down")
	rd.Write(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), cause)
	rd.Write(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), errorsx.New(403, "").WithType("https://example.com/out-of-credit"))
	if len(got) != 2 || got[0].Status != 500 || got[0].Type != "/p/internal-server-error" || got[0].Cause != cause ||
		got[1].Status != 403 || got[1].Type != "https://example.com/out-of-credit" || got[1].Cause != nil {
		t.Errorf("observed %+v", got)
	}
}

// A problem is at most 144 bytes, a size class below the 160 it took when
// the public mark had a field of its own: the common problem built per
// request pays for what it carries, not for the rarely used mark.
func TestProblemSize(t *testing.T) {
	if size := reflect.TypeFor[errorsx.Problem]().Size(); size > 144 {
		t.Errorf("a Problem is %d bytes, want at most 144", size)
	}
}

// The public mark and the cause are independent: marking keeps the cause,
// a cause recorded later keeps the mark, Unwrap returns the cause alone,
// and refining a clone's cause or mark leaves the original's as it was.
func TestPublicMarkKeepsTheCause(t *testing.T) {
	const public = "Down for maintenance until 14:00 UTC."
	first, second := errors.New("first cause"), errors.New("second cause")
	sent := func(p *errorsx.Problem) string {
		rec := httptest.NewRecorder()
		errorsx.NewRenderer(errorsx.Options{Strict: true}).Write(rec, httptest.NewRequest("GET", "/", nil), p)
		return rec.Body.String()
	}
	p := errorsx.New(503, "").WithHeader("Retry-After", "60").WithCause(first).WithPublicDetail(public)
	if p.Unwrap() != first || !errors.Is(p, first) || p.Error() != "503 Service Unavailable: "+public+": first cause" {
		t.Errorf("marking lost the cause: Unwrap %v, Error %q", p.Unwrap(), p.Error())
	}
	c := p.Clone().WithCause(second)
	if c.Unwrap() != second || !strings.Contains(sent(c), public) {
		t.Errorf("a later cause lost the mark: Unwrap %v, body %s", c.Unwrap(), sent(c))
	}
	if p.Unwrap() != first || !strings.Contains(sent(p), public) {
		t.Errorf("the clone's cause reached the original: Unwrap %v", p.Unwrap())
	}
	d := p.Clone().WithPublicDetail("another public detail")
	if d.Unwrap() != first || !strings.Contains(sent(d), "another public detail") || !strings.Contains(sent(p), public) {
		t.Errorf("the clone's mark reached the original: %s / %s", sent(d), sent(p))
	}
	if u := errorsx.New(500, "").WithPublicDetail("shown").Unwrap(); u != nil {
		t.Errorf("a problem marked without a cause unwraps to %v, want nil", u)
	}
}
