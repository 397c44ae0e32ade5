package errorsx_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
)

const typeBase = "https://api.example.com/problems/"

// teamCatalog documents a team's two types: a 409 naming who holds a lock,
// and a 401 whose status requires WWW-Authenticate.
func teamCatalog() *catalog.Catalog {
	return catalog.New(
		catalog.Entry{
			Slug: "order-locked", Status: http.StatusConflict, Title: "Order locked",
			Summary: "Someone else is editing the order.",
			Members: []catalog.Member{
				{Name: "holder", Type: "string", Description: "Who holds the lock", Required: true},
				{Name: "expires_in", Type: "integer", Description: "Seconds until the lock expires"},
			},
		},
		catalog.Entry{Slug: "session-revoked", Status: http.StatusUnauthorized, Title: "Session revoked", Summary: "An administrator ended the session."},
	)
}

// panics returns the value f panicked with, or nil.
func panics(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

// A problem named by its catalog type gets the type URI, title and status
// of the catalog entry; a Strict renderer accepts it as it is.
func TestProblemsByType(t *testing.T) {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: typeBase, Catalog: teamCatalog(), Strict: true})
	for _, accept := range []string{"application/problem+json", "application/problem+xml"} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("PUT", "/orders/7", nil)
		req.Header.Set("Accept", accept)
		rd.Write(rec, req, errorsx.OfType("order-locked", "Order 7 is being edited.").With("holder", "ann@example.com").With("expires_in", 90))
		body := rec.Body.String()
		if rec.Code != http.StatusConflict {
			t.Fatalf("%s: status %d, want 409: %s", accept, rec.Code, body)
		}
		for _, want := range []string{typeBase + "order-locked", "Order locked", "409", "ann@example.com", "90", "Order 7 is being edited."} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: body lacks %q: %s", accept, want, body)
			}
		}
	}
	rec := httptest.NewRecorder()
	rd.Write(rec, httptest.NewRequest("GET", "/", nil), errorsx.OfType("conflict", "A standard type named by its slug."))
	var doc struct {
		Type, Title string
		Status      int
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || rec.Code != 409 || doc.Type != typeBase+"conflict" || doc.Title != "Conflict" || doc.Status != 409 {
		t.Errorf("standard slug: %d %+v %v", rec.Code, doc, err)
	}
}

// Strict mode reports every way a problem breaks its catalog type, as it
// reports a missing required header; without Strict each is logged and
// the catalog's status is sent (500 for an unknown type).
func TestStrictChecksTheCatalogType(t *testing.T) {
	locked := func() *errorsx.Problem {
		return errorsx.OfType("order-locked", "Order 7 is being edited.").With("holder", "ann")
	}
	tests := []struct {
		name    string
		problem *errorsx.Problem
		status  int // sent without Strict
		message string
	}{
		{"unknown type", errorsx.OfType("no-such-type", "x"), 500, "does not document"},
		{"another status", func() *errorsx.Problem { p := locked(); p.Status = 400; return p }(), 409, "documents it with 409"},
		{"type URI with another status", errorsx.New(400, "x").WithType(typeBase+"order-locked").With("holder", "ann"), 400, "documents it with 409"},
		{"missing required member", errorsx.OfType("order-locked", "x"), 409, "without required member holder"},
		{"member of another JSON type", locked().With("expires_in", "soon"), 409, "not a JSON integer"},
		{"required header of the status", errorsx.OfType("session-revoked", "x"), 401, "without required header Www-Authenticate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logger, logs := logBuffer()
			rec := httptest.NewRecorder()
			errorsx.NewRenderer(errorsx.Options{TypeBase: typeBase, Catalog: teamCatalog(), Logger: logger}).
				Write(rec, httptest.NewRequest("GET", "/", nil), tt.problem)
			if rec.Code != tt.status || !strings.Contains(logs.String(), tt.message) {
				t.Errorf("status %d (want %d), logs %s", rec.Code, tt.status, logs)
			}
			strict := errorsx.NewRenderer(errorsx.Options{TypeBase: typeBase, Catalog: teamCatalog(), Strict: true})
			v := panics(func() { strict.Write(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), tt.problem) })
			if msg, _ := v.(string); !strings.Contains(msg, tt.message) {
				t.Errorf("Strict panicked with %v, want %q", v, tt.message)
			}
		})
	}
	good := locked().With("expires_in", int64(90))
	strict := errorsx.NewRenderer(errorsx.Options{TypeBase: typeBase, Catalog: teamCatalog(), Strict: true})
	if v := panics(func() { strict.Write(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), good) }); v != nil {
		t.Errorf("Strict refused a valid problem: %v", v)
	}
}

// A catalog with team types needs a TypeBase: their type URIs would be lost.
func TestTeamTypesNeedATypeBase(t *testing.T) {
	v := panics(func() { errorsx.NewRenderer(errorsx.Options{Catalog: teamCatalog()}) })
	if msg, _ := v.(string); !strings.Contains(msg, "errorsx: TypeBase:") {
		t.Errorf("NewRenderer panicked with %v", v)
	}
	if v := panics(func() { errorsx.NewRenderer(errorsx.Options{Catalog: catalog.New()}) }); v != nil {
		t.Errorf("a catalog without team types needs no TypeBase: %v", v)
	}
}

// Results of a search or lookup are copies: editing them does not change
// what a Strict renderer demands.
func TestCatalogCopiesDoNotReachTheRenderer(t *testing.T) {
	for _, e := range catalog.Standard().Search("unauthorized") {
		for i := range e.RequiredHeaders {
			e.RequiredHeaders[i] = "X-Edited"
		}
	}
	if e, ok := catalog.Standard().ForStatus(401); ok {
		e.RequiredHeaders[0] = "X-Edited"
	}
	for _, e := range catalog.Standard().Entries() {
		for i := range e.RequiredHeaders {
			e.RequiredHeaders[i] = "X-Edited"
		}
	}
	rd := errorsx.NewRenderer(errorsx.Options{Strict: true})
	write := func(p *errorsx.Problem) any {
		return panics(func() { rd.Write(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), p) })
	}
	if v := write(errorsx.New(401, "")); v == nil {
		t.Error("a 401 without WWW-Authenticate passed a Strict renderer")
	}
	if v := write(errorsx.Unauthorized("", errorsx.Challenge{Scheme: "Bearer"})); v != nil {
		t.Errorf("a 401 with WWW-Authenticate was refused: %v", v)
	}
}
