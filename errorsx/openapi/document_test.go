package openapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
	"github.com/fourxx/fourxx/errorsx/openapi"
)

const typeBase = "https://api.example.com/problems/"

func teamRenderer() *errorsx.Renderer {
	return errorsx.NewRenderer(errorsx.Options{
		TypeBase: typeBase,
		Strict:   true,
		Catalog: catalog.New(
			catalog.Entry{
				Slug: "order-locked", Status: 409, Title: "Order locked", Summary: "Someone else is editing the order.",
				Members: []catalog.Member{
					{Name: "holder", Type: "string", Description: "Who holds the lock", Required: true, Example: "ann@example.com"},
					{Name: "expires_in", Type: "integer", Description: "Seconds until the lock expires", Example: 90},
				},
			},
			catalog.Entry{
				Slug: "quota-exhausted", Status: 429, Title: "Quota exhausted", Summary: "The monthly quota is used up.",
				Members: []catalog.Member{{Name: "resets", Type: "array", Items: "string", Description: "When the quotas reset", Required: true}},
			},
		),
	})
}

// validate parses doc with libopenapi and validates it against the
// OpenAPI 3.1 schema with libopenapi-validator.
func validate(t *testing.T, doc []byte) validator.Validator {
	t.Helper()
	d, err := libopenapi.NewDocument(doc)
	if err != nil {
		t.Fatalf("libopenapi: %v", err)
	}
	if d.GetVersion() != "3.1.0" {
		t.Errorf("version %q", d.GetVersion())
	}
	if _, err := d.BuildV3Model(); err != nil {
		t.Fatalf("model: %v", err)
	}
	v, errs := validator.NewValidator(d)
	if len(errs) > 0 {
		t.Fatalf("validator: %v", errs)
	}
	if ok, verrs := v.ValidateDocument(); !ok {
		for _, e := range verrs {
			t.Errorf("invalid OpenAPI 3.1: %s: %s", e.Message, e.Reason)
		}
	}
	return v
}

// The document is valid OpenAPI 3.1, as libopenapi-validator checks it,
// and names every documented entry, the problem schemas and the header
// fields.
func TestDocumentIsValidOpenAPI31(t *testing.T) {
	for name, rd := range map[string]*errorsx.Renderer{
		"standard":          errorsx.NewRenderer(errorsx.Options{}),
		"standard and base": errorsx.NewRenderer(errorsx.Options{TypeBase: typeBase}),
		"team":              teamRenderer(),
	} {
		t.Run(name, func(t *testing.T) {
			doc := openapi.Document(rd, openapi.Options{Title: "Widgets API errors"})
			validate(t, doc)
			var parsed struct {
				OpenAPI    string
				Components struct {
					Schemas, Responses, Headers map[string]json.RawMessage
				}
			}
			if err := json.Unmarshal(doc, &parsed); err != nil {
				t.Fatal(err)
			}
			for _, e := range rd.Catalog().Entries() {
				if _, ok := parsed.Components.Responses[e.Slug]; ok == e.Unused {
					t.Errorf("response %s: present %v", e.Slug, ok)
				}
				if _, ok := parsed.Components.Schemas[e.Slug]; ok != e.Team {
					t.Errorf("schema %s: present %v, team %v", e.Slug, ok, e.Team)
				}
			}
			for _, s := range []string{"Problem", "ValidationProblem", "RateLimitProblem", "FieldError"} {
				if _, ok := parsed.Components.Schemas[s]; !ok {
					t.Errorf("no schema %s", s)
				}
			}
			for _, h := range []string{"WWW-Authenticate-required", "Allow-required", "Retry-After-required", "RateLimit", "RateLimit-Policy", "Proxy-Authenticate-required", "Upgrade-required"} {
				if _, ok := parsed.Components.Headers[h]; !ok {
					t.Errorf("no header %s", h)
				}
			}
			if again := openapi.Document(rd, openapi.Options{Title: "Widgets API errors"}); string(again) != string(doc) {
				t.Error("two documents of the same catalog differ")
			}
		})
	}
}

// withSpecPaths adds to doc one operation per response component,
// GET /<slug>, answering with it, as a team's specification would.
func withSpecPaths(t *testing.T, doc []byte, entries []catalog.Entry) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	paths := map[string]any{}
	for _, e := range entries {
		if e.Unused {
			continue
		}
		paths["/"+e.Slug] = map[string]any{"get": map[string]any{
			"operationId": e.Slug,
			"responses": map[string]any{
				strconv.Itoa(e.Status): map[string]any{"$ref": "#/components/responses/" + e.Slug},
			},
		}}
	}
	m["paths"] = paths
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// problemFor builds the problem the suite would send for e, with the
// header fields its status requires.
func problemFor(e catalog.Entry) *errorsx.Problem {
	var p *errorsx.Problem
	switch {
	case e.Team:
		p = errorsx.OfType(e.Slug, "Example of "+e.Slug+".")
		for _, m := range e.Members {
			switch m.Type {
			case "string":
				p.With(m.Name, "x")
			case "integer":
				p.With(m.Name, 3)
			case "array":
				p.With(m.Name, []string{"2026-12-01T00:00:00Z"})
			}
		}
	case e.Status == 422:
		p = errorsx.UnprocessableContent("2 fields are invalid.",
			errorsx.FieldError{Detail: "is required", Pointer: "#/name", Code: "required"},
			errorsx.FieldError{Detail: "must be at most 10", Parameter: "limit", Code: "max"})
	case e.Status == 429:
		p = errorsx.TooManyRequests(3*time.Second, "Slow down.").With("violated_policies", []string{"default"})
		p.WithHeader("RateLimit", `"default";r=0;t=3`).WithHeader("RateLimit-Policy", `"default";q=10;w=1`)
	default:
		p = errorsx.New(e.Status, "Example.")
	}
	for _, h := range e.RequiredHeaders {
		if len(p.Header.Values(h)) > 0 {
			continue
		}
		switch h {
		case "WWW-Authenticate", "Proxy-Authenticate":
			p.WithHeader(h, `Bearer realm="api"`)
		case "Allow":
			p.WithHeader(h, "GET, HEAD")
		case "Upgrade":
			p.WithHeader(h, "HTTP/2")
		case "Retry-After":
			p.WithHeader(h, "5")
		}
	}
	return p
}

// Every response the real renderer writes for a catalog entry validates
// against the response component of that entry: the schemas and header
// fields describe what is sent.
func TestRenderedResponsesMatchTheComponents(t *testing.T) {
	rd := teamRenderer()
	entries := rd.Catalog().Entries()
	v := validate(t, withSpecPaths(t, openapi.Document(rd, openapi.Options{}), entries))
	checked := 0
	for _, e := range entries {
		if e.Unused {
			continue
		}
		req := httptest.NewRequest("GET", "/"+e.Slug, nil)
		rec := httptest.NewRecorder()
		rd.Write(rec, req, problemFor(e))
		res := rec.Result()
		if ok, errs := v.ValidateHttpResponse(req, res); !ok {
			for _, err := range errs {
				t.Errorf("%s: %s: %s", e.Slug, err.Message, err.Reason)
			}
		}
		checked++
	}
	if checked != len(entries)-1 {
		t.Errorf("checked %d responses", checked)
	}
}

// A response that breaks its component is caught: the check above can
// fail.
func TestBrokenResponseFailsTheComponent(t *testing.T) {
	rd := teamRenderer()
	v := validate(t, withSpecPaths(t, openapi.Document(rd, openapi.Options{}), rd.Catalog().Entries()))
	req := httptest.NewRequest("GET", "/order-locked", nil)
	res := &http.Response{
		StatusCode: 409,
		Header:     http.Header{"Content-Type": {"application/problem+json"}},
		Body:       http.NoBody,
		Request:    req,
	}
	body := `{"type":"` + typeBase + `order-locked","title":"Order locked","status":409,"holder":7}`
	res.Body = nopCloser{strings.NewReader(body)}
	if ok, _ := v.ValidateHttpResponse(req, res); ok {
		t.Error("a holder of the wrong type passed")
	}
}

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }

func BenchmarkDocument(b *testing.B) {
	rd := teamRenderer()
	b.ReportAllocs()
	for b.Loop() {
		openapi.Document(rd, openapi.Options{})
	}
}
