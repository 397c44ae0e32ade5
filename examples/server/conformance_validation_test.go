// Checklist §2.5, validation (RFC 9110 §15.5): items 44–47 of
// docs/standards.md, against the running demo.

package main

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

// Item 44: malformed syntax → 400; well-formed but invalid → 422.
func TestItem44_SyntaxIs400MeaningIs422(t *testing.T) {
	t.Parallel()
	s := startRoomyDemo(t)
	cases := []struct {
		body string
		want int
	}{
		{`{"name":`, 400},
		{`{"name":"a",}`, 400},
		{`not json`, 400},
		{`{"name":"a","color":"red","quantity":1} {}`, 400},
		{`{"name":"","color":"red","quantity":1}`, 422},
		{`{"name":"a","color":"red","quantity":"1"}`, 422},
		{`{"name":"a","color":"red","quantity":1,"unknown":true}`, 422},
	}
	for _, c := range cases {
		x := s.do(t, req{method: http.MethodPost, path: "/v1/widgets", body: []byte(c.body), headers: hdrs(writerAuth, jsonBody)})
		if x.status != c.want {
			t.Errorf("body %s: %d, want %d\n%s", c.body, x.status, c.want, x.body)
		}
	}
}

// Item 45: Content-Type text/plain → 415 + Accept: application/json.
func TestItem45_415WithAccept(t *testing.T) {
	t.Parallel()
	s := startRoomyDemo(t)
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", ""} {
		h := writerAuth
		if ct != "" {
			h = hdrs(writerAuth, []string{"Content-Type", ct})
		}
		x := s.do(t, req{method: http.MethodPost, path: "/v1/widgets", body: []byte("name=x"), headers: h})
		if x.status != http.StatusUnsupportedMediaType || x.header.Get("Accept") != "application/json" {
			t.Errorf("Content-Type %q: %d Accept %q", ct, x.status, x.header.Values("Accept"))
		}
	}
}

// Item 46: Content-Encoding br → 415 with Accept-Encoding. The demo accepts
// no coding, so the field must be present and name none but "identity"
// (RFC 9110 §12.5.3: a synonym for "no encoding", the same statement as an
// empty value).
func TestItem46_415WithAcceptEncoding(t *testing.T) {
	t.Parallel()
	s := startRoomyDemo(t)
	x := s.do(t, req{method: http.MethodPost, path: "/v1/widgets", body: validBody,
		headers: hdrs(writerAuth, jsonBody, []string{"Content-Encoding", "br"})})
	values, present := x.header["Accept-Encoding"]
	if x.status != http.StatusUnsupportedMediaType || !present {
		t.Fatalf("%v", x)
	}
	for _, line := range values {
		for coding := range strings.SplitSeq(line, ",") {
			if c := strings.TrimSpace(coding); c != "" && !strings.EqualFold(c, "identity") {
				t.Errorf("Accept-Encoding lists %q, which the demo does not accept", c)
			}
		}
	}
}

// Item 47: a 2 MiB body against the 1 MiB cap → 413 "Content Too Large",
// no Retry-After (the cap is permanent), declared or chunked.
func TestItem47_413(t *testing.T) {
	t.Parallel()
	s := startRoomyDemo(t)
	for _, unsized := range []bool{false, true} {
		x := s.do(t, req{method: http.MethodPost, path: "/v1/widgets", body: bytes.Repeat([]byte(" "), 2<<20),
			headers: hdrs(writerAuth, jsonBody), unsized: unsized})
		if x.status != http.StatusRequestEntityTooLarge || x.problem(t)["title"] != "Content Too Large" {
			t.Errorf("chunked=%v: %v", unsized, x)
		}
		if ra := x.header.Values("Retry-After"); len(ra) > 0 {
			t.Errorf("chunked=%v: Retry-After %q on a permanent cap", unsized, ra)
		}
	}
}
