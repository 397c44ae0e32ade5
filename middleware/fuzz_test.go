package middleware_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/middleware"
)

// FuzzNormalize runs a handler that answers an arbitrary method with an
// arbitrary error status (400–599), Content-Type and body through Normalize.
// A response with a structured Content-Type passes through untouched, even
// a malformed problem+json one; a text/* or untyped one becomes a
// problem+json document whose status is the handler's — 501 for a 404 or
// 405 to an unknown method, and the renderer's 400 or 500 for an
// unregistered or unused code — with a valid JSON body (none for HEAD) whose status
// member matches and whose detail is clean text, of at most 200 bytes for a
// 4xx; a 5xx body never carries the handler's text.
func FuzzNormalize(f *testing.F) {
	f.Add("GET", uint8(4), "text/plain; charset=utf-8", true, []byte("404 page not found\n"))
	f.Add("BREW", uint8(5), "", false, []byte("Method Not Allowed"))
	f.Add("POST", uint8(22), "application/problem+json", true, []byte(`{"status":422}`))
	f.Add("GET", uint8(22), "application/problem+json", true, []byte("0"))
	f.Add("HEAD", uint8(0), "TEXT/HTML", true, []byte("<h1>bad</h1>"))
	f.Add("GET", uint8(100), "text/plain", true, []byte("database \x00 exploded \xff"))
	f.Add("get", uint8(99), " ; x=y", true, []byte("unregistered \u2028 code"))
	f.Add("PUT", uint8(18), "application/json", true, []byte("not json at all"))
	f.Add("DELETE", uint8(29), "text/plain", true, bytes.Repeat([]byte("x"), 201))
	rd := errorsx.NewRenderer(errorsx.Options{Logger: slog.New(slog.DiscardHandler)})
	h := func(status int, ct string, setCT bool, body []byte) http.Handler {
		return middleware.Normalize(middleware.NormalizeOptions{Renderer: rd})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if setCT {
				w.Header().Set("Content-Type", ct)
			}
			w.WriteHeader(status)
			half := len(body) / 2
			_, _ = w.Write(body[:half])
			_, _ = w.Write(body[half:])
		}))
	}
	known := []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE"}
	f.Fuzz(func(t *testing.T, method string, code uint8, ct string, setCT bool, body []byte) {
		status := 400 + int(code)%200
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Method = method
		rec := httptest.NewRecorder()
		h(status, ct, setCT, body).ServeHTTP(rec, req)

		gotCT := rec.Header().Get("Content-Type")
		if !textual(setCT, ct) {
			if gotCT != ct || rec.Code != status || !bytes.Equal(rec.Body.Bytes(), body) {
				t.Fatalf("structured %q response changed: status %d, Content-Type %q, body %q; handler sent %d %q",
					ct, rec.Code, gotCT, rec.Body.Bytes(), status, body)
			}
			return
		}
		if gotCT != "application/problem+json" {
			t.Fatalf("Content-Type %q for a converted %q response", gotCT, ct)
		}
		want := status
		switch {
		case (status == 404 || status == 405) && !slices.Contains(known, method):
			want = http.StatusNotImplemented
		case errorsx.ReasonPhrase(status) == "" || status == http.StatusTeapot:
			want = status / 100 * 100
		}
		if rec.Code != want {
			t.Fatalf("status %d for the handler's %d to %q, want %d", rec.Code, status, method, want)
		}
		if method == http.MethodHead {
			if rec.Body.Len() != 0 {
				t.Fatalf("HEAD response has a body: %q", rec.Body.Bytes())
			}
			return
		}
		var doc struct {
			Status int    `json:"status"`
			Detail string `json:"detail"`
		}
		if !json.Valid(rec.Body.Bytes()) || json.Unmarshal(rec.Body.Bytes(), &doc) != nil {
			t.Fatalf("problem+json body is not valid JSON: %q", rec.Body.Bytes())
		}
		if doc.Status != rec.Code {
			t.Fatalf("body status %d, status line %d", doc.Status, rec.Code)
		}
		if !utf8.ValidString(doc.Detail) || strings.IndexFunc(doc.Detail, unicode.IsControl) >= 0 {
			t.Fatalf("detail %q holds control characters", doc.Detail)
		}
		if rec.Code < 500 && len(doc.Detail) > 200 { // a 501 names the method in a detail of the renderer's own
			t.Fatalf("detail of %d bytes, over 200: %q", len(doc.Detail), doc.Detail)
		}
		if rec.Code >= 500 && (rec.Code == status || want == status/100*100) {
			if _, _, generic := rd.Render(req, errorsx.New(rec.Code, "")); !bytes.Equal(rec.Body.Bytes(), generic) {
				t.Fatalf("5xx body %q, want the renderer's generic %q", rec.Body.Bytes(), generic)
			}
		}
	})
}

// textual reports whether a handler's Content-Type is one Normalize must
// convert: absent, empty, or a text/* type.
func textual(set bool, ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.TrimSpace(mt)
	return !set || mt == "" || len(mt) >= 5 && strings.EqualFold(mt[:5], "text/")
}
