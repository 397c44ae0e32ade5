package errorsx_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// preparedSample is a 429 like the rate limiter's: header fields of its
// own, a detail to escape and a list member.
func preparedSample() *errorsx.Problem {
	p := errorsx.TooManyRequests(3*time.Second, `Too many requests under rate-limit policy "per-minute"; retry in 3 s.`).
		With("violated_policies", []string{"per-minute", "<b>&"})
	p.Header["Ratelimit"] = []string{`"per-minute";r=0;t=3`}
	return p
}

// record writes err with rd for a request with the given method and Accept
// field, on a response that already holds a field of an outer middleware.
func record(rd *errorsx.Renderer, method, accept string, err error) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, "/", nil)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	rec := httptest.NewRecorder()
	rec.Header()["Ratelimit-Policy"] = []string{`"per-minute";q=1;w=60`}
	rd.Write(rec, req, err)
	return rec
}

// A Prepared is written byte for byte as its problem is, whether its
// bodies are encoded once (the cached path) or per request (an instance
// URI from the request), in every format and for HEAD.
func TestPreparedWritesTheSameBytesAsItsProblem(t *testing.T) {
	renderers := map[string]*errorsx.Renderer{
		"cached":   errorsx.NewRenderer(errorsx.Options{Strict: true, TypeBase: "https://example.com/p/"}),
		"uncached": errorsx.NewRenderer(errorsx.Options{Strict: true, Instance: func(*http.Request) string { return "urn:x:1" }}),
	}
	cases := []struct{ name, method, accept string }{
		{"problem+json", http.MethodGet, ""},
		{"problem+xml", http.MethodGet, "application/problem+xml"},
		{"plain json", http.MethodGet, "application/json"},
		{"HEAD", http.MethodHead, "application/problem+xml"},
	}
	for rname, rd := range renderers {
		pp := errorsx.Prepare(preparedSample())
		for _, tc := range cases {
			t.Run(rname+"/"+tc.name, func(t *testing.T) {
				want := record(rd, tc.method, tc.accept, preparedSample())
				for range 2 { // the first write prepares, the second reuses
					got := record(rd, tc.method, tc.accept, pp)
					if got.Code != want.Code || !reflect.DeepEqual(got.Header(), want.Header()) || !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
						t.Fatalf("prepared wrote %d %v\n%s\nproblem wrote %d %v\n%s", got.Code, got.Header(), got.Body, want.Code, want.Header(), want.Body)
					}
				}
				if tc.method == http.MethodGet && want.Body.Len() == 0 {
					t.Fatal("empty body")
				}
			})
		}
	}
}

// Prepare copies the problem: changing it afterwards, its header lines or
// its list members included, changes nothing that is written; and the
// *Problem errors.As finds is a copy too.
func TestPrepareIsASnapshot(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true})
	p := preparedSample()
	pp := errorsx.Prepare(p)
	record(rd, http.MethodGet, "", pp) // encoded once
	p.Detail = "changed"
	p.Header["Ratelimit"][0] = "changed"
	p.Extensions["violated_policies"].([]string)[0] = "changed"
	var found *errorsx.Problem
	if !errors.As(fmt.Errorf("wrapped: %w", pp), &found) || found.Status != http.StatusTooManyRequests {
		t.Fatalf("errors.As found %v", found)
	}
	found.Detail = "changed too"
	found.Header.Set("Retry-After", "99")
	for _, accept := range []string{"", "application/problem+xml"} {
		want := record(rd, http.MethodGet, accept, preparedSample())
		got := record(rd, http.MethodGet, accept, pp)
		if !reflect.DeepEqual(got.Header(), want.Header()) || !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
			t.Errorf("Accept %q: got %v %s, want %v %s", accept, got.Header(), got.Body, want.Header(), want.Body)
		}
	}
	if pp.Error() != preparedSample().Error() {
		t.Errorf("Error() = %q", pp.Error())
	}
}

// A prepared problem written with two renderers gets each renderer's
// document (its own type base), not the first one's.
func TestPreparedFollowsTheRenderer(t *testing.T) {
	a := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://a.example/"})
	b := errorsx.NewRenderer(errorsx.Options{TypeBase: "https://b.example/"})
	pp := errorsx.Prepare(preparedSample())
	for _, rd := range []*errorsx.Renderer{a, b, a} {
		want := record(rd, http.MethodGet, "", preparedSample())
		if got := record(rd, http.MethodGet, "", pp); got.Body.String() != want.Body.String() {
			t.Errorf("got %s, want %s", got.Body, want.Body)
		}
	}
}

type nopWriter struct{ h http.Header }

func (w *nopWriter) Header() http.Header         { return w.h }
func (w *nopWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *nopWriter) WriteHeader(int)             {}

// Problems whose bodies are built per request — members that are dropped
// (and logged), values encoded by encoding/json, a catalog type, an
// unregistered status — are written and logged by a Prepared exactly as
// by the problem itself.
func TestPreparedPerRequestProblemsMatch(t *testing.T) {
	problems := map[string]func() *errorsx.Problem{
		"reserved member": func() *errorsx.Problem { return errorsx.New(409, "taken").With("status", 1) },
		"raw member":      func() *errorsx.Problem { return errorsx.New(409, "taken").With("raw", json.RawMessage(`{"a":`)) },
		"struct member":   func() *errorsx.Problem { return errorsx.New(409, "taken").With("s", struct{ A int }{1}) },
		"field value": func() *errorsx.Problem {
			return errorsx.UnprocessableContent("bad", errorsx.FieldError{Detail: "d", Pointer: "/a", Value: 7})
		},
		"catalog type": func() *errorsx.Problem { return errorsx.OfType("too-many-requests", "slow down") },
		"unregistered": func() *errorsx.Problem { return errorsx.New(499, "odd") },
	}
	for name, build := range problems {
		for _, accept := range []string{"", "application/problem+xml", "application/json"} {
			t.Run(name+"/"+accept, func(t *testing.T) {
				logger, logs := logBuffer()
				rd := errorsx.NewRenderer(errorsx.Options{Logger: logger, LogEvery: -1})
				want := record(rd, http.MethodGet, accept, build())
				wantLogs := bytes.Count(logs.Bytes(), []byte("\n"))
				pp := errorsx.Prepare(build())
				for range 2 {
					logs.Reset()
					got := record(rd, http.MethodGet, accept, pp)
					if got.Code != want.Code || !reflect.DeepEqual(got.Header(), want.Header()) || got.Body.String() != want.Body.String() {
						t.Fatalf("prepared wrote %d %v %s, problem wrote %d %v %s", got.Code, got.Header(), got.Body, want.Code, want.Header(), want.Body)
					}
					if n := bytes.Count(logs.Bytes(), []byte("\n")); n != wantLogs || n == 0 {
						t.Fatalf("prepared logged %d lines, problem %d:\n%s", n, wantLogs, logs)
					}
				}
			})
		}
	}
}
