package main

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/problemtest"
)

// checkErrorResponse runs the test helpers of errorsx/problemtest on every
// error response the conformance suite sees: whatever a test checks about
// it, it must also pass every check a team's own tests would run (media
// type, status member, required headers, member types, a type of the
// demo's catalog with its status and members, errors[].pointer in the
// request body, no-store, no internal text on a 5xx). A HEAD response has
// no body to check, and net/http's own answers to requests it refuses
// before any handler runs (431 for oversized header fields) are not the
// demo's.
func checkErrorResponse(t *testing.T, base string, rq req, res *http.Response, body []byte) {
	t.Helper()
	if res.StatusCode < 400 || res.Request.Method == http.MethodHead || isNetHTTPAnswer(res, body) {
		return
	}
	checker := problemtest.Checker{Renderer: errorsx.NewRenderer(errorsx.Options{TypeBase: base + "/problems/", Catalog: demoCatalog()})}
	var requestBody []byte
	if strings.Contains(headerOf(rq, "Content-Type"), "json") {
		requestBody = rq.body
	}
	copyRes := *res
	copyRes.Body = io.NopCloser(bytes.NewReader(body))
	for _, v := range problemtest.Violations(checker.Check(&copyRes, requestBody)) {
		t.Errorf("%s %s → %d: %v", res.Request.Method, rq.path, res.StatusCode, v)
	}
}

// headerOf returns the first value rq sets for name.
func headerOf(rq req, name string) string {
	for i := 0; i+1 < len(rq.headers); i += 2 {
		if strings.EqualFold(rq.headers[i], name) {
			return rq.headers[i+1]
		}
	}
	return ""
}

// isNetHTTPAnswer reports whether the response is one net/http's server
// writes itself: text/plain, "431 Request Header Fields Too Large".
func isNetHTTPAnswer(res *http.Response, body []byte) bool {
	return strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") &&
		string(body) == strconv.Itoa(res.StatusCode)+" "+http.StatusText(res.StatusCode)
}
