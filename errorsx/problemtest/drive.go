package problemtest

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// A Target is one route of the handler under test, for [Checker.Drive].
type Target struct {
	// Method and Path address the route, e.g. "POST" and "/v1/widgets".
	Method, Path string
	// Authorize adds valid credentials to a request, or is nil when the
	// route needs none. Drive sends one request without them and expects
	// 401; the other bad requests carry them, so that they reach the
	// check they aim at.
	Authorize func(*http.Request)
	// JSON marks a route that takes a JSON body: Drive then sends
	// malformed JSON (400), a body with Content-Type text/plain (415) and
	// one byte more than MaxBodyBytes (413).
	JSON bool
	// MaxBodyBytes is the route's body limit. Zero means 1 MiB.
	MaxBodyBytes int64
}

// A badRequest is one request of the corpus and the statuses that answer
// it correctly.
type badRequest struct {
	name string
	req  *http.Request
	body []byte
	want []int
}

// corpus returns the bad requests Drive sends for targets.
func corpus(targets []Target) []badRequest {
	var out []badRequest
	add := func(name, method, path string, body []byte, contentType string, authorize func(*http.Request), want ...int) {
		req := httptest.NewRequest(method, path, bytes.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if authorize != nil {
			authorize(req)
		}
		out = append(out, badRequest{name: name + ": " + method + " " + path, req: req, body: body, want: want})
	}
	for _, t := range targets {
		if t.Authorize != nil {
			var body []byte
			ct := ""
			if t.JSON {
				body, ct = []byte(`{}`), "application/json"
			}
			add("no credentials", t.Method, t.Path, body, ct, nil, http.StatusUnauthorized)
		}
		add("wrong method", http.MethodTrace, t.Path, nil, "", t.Authorize, http.StatusMethodNotAllowed, http.StatusNotImplemented)
		if t.JSON {
			limit := t.MaxBodyBytes
			if limit <= 0 {
				limit = 1 << 20
			}
			add("malformed JSON", t.Method, t.Path, []byte(`{"name": "widget",`), "application/json", t.Authorize, http.StatusBadRequest)
			add("wrong Content-Type", t.Method, t.Path, []byte(`{"name": "widget"}`), "text/plain", t.Authorize, http.StatusUnsupportedMediaType)
			pad := `{"pad":"` + strings.Repeat("a", int(limit)) + `"}`
			add("oversized body", t.Method, t.Path, []byte(pad), "application/json", t.Authorize, http.StatusRequestEntityTooLarge)
		}
	}
	add("unknown route", http.MethodGet, "/problemtest-no-such-route/7", nil, "", nil, http.StatusNotFound)
	return out
}

// Drive sends h a built-in corpus of bad requests — for each target: no
// credentials (when it needs them), a wrong method, and for a JSON route
// malformed JSON, the wrong Content-Type and an oversized body; once: an
// unknown route — and checks every answer: the status that answers the
// request (401, 405 or 501, 400, 415, 413, 404) and everything
// [Checker.Check] checks. It returns the violations, each Detail prefixed
// with the request, joined, or nil. The requests are served in process,
// one after the other.
func (c Checker) Drive(h http.Handler, targets ...Target) error {
	var errs []error
	for _, b := range corpus(targets) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, b.req)
		if !slices.Contains(b.want, rec.Code) {
			errs = append(errs, &Violation{Rule: "answer", Detail: b.name + ": status " + strconv.Itoa(rec.Code) + ", want " + statusList(b.want)})
		}
		if rec.Code < 400 {
			continue
		}
		var body []byte
		if strings.Contains(b.req.Header.Get("Content-Type"), "json") {
			body = b.body
		}
		for _, v := range Violations(c.CheckRecorder(rec, body)) {
			errs = append(errs, &Violation{Rule: v.Rule, Detail: b.name + ": " + v.Detail})
		}
	}
	return errors.Join(errs...)
}

// AssertDrive reports each violation [Checker.Drive] finds as a test error
// and returns whether there was none.
func (c Checker) AssertDrive(t testing.TB, h http.Handler, targets ...Target) bool {
	t.Helper()
	return report(t, c.Drive(h, targets...))
}

func statusList(codes []int) string {
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = strconv.Itoa(c)
	}
	return strings.Join(s, " or ")
}
