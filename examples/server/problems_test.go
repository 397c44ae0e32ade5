package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/problemtest"
)

// teamDemo is the demo on a test server with a frozen clock, and a checker
// built from the same catalog and type base as its renderer.
type teamDemo struct {
	*httptest.Server
	check problemtest.Checker
}

func newTeamDemo(t *testing.T) *teamDemo {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	origin := "http://" + srv.Listener.Addr().String()
	frozen := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	a, err := newApp(appConfig{publicURL: origin, rate: 1000, burst: 1000, logger: slog.New(slog.DiscardHandler), now: func() time.Time { return frozen }})
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = a.handler
	srv.Start()
	t.Cleanup(func() { srv.Close(); a.close() })
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: origin + "/problems/", Catalog: demoCatalog()})
	return &teamDemo{Server: srv, check: problemtest.Checker{Renderer: rd}}
}

func (d *teamDemo) send(t *testing.T, method, path, token, body string) (*http.Response, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, d.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := d.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode >= 400 {
		d.check.Assert(t, res, []byte(body))
	}
	raw, _ := io.ReadAll(res.Body)
	var doc map[string]any
	_ = json.Unmarshal(raw, &doc)
	return res, doc
}

// The demo's two team types: widget-locked names who holds the lock and
// when it expires; widget-not-locked answers releasing a lock that is not
// there. Both pass the test helpers' checks.
func TestTeamTypesInTheDemo(t *testing.T) {
	d := newTeamDemo(t)
	widget := `{"name":"sprocket","color":"red","quantity":3}`
	if res, _ := d.send(t, "POST", "/v1/widgets", "writer-token", widget); res.StatusCode != 201 {
		t.Fatalf("create: %d", res.StatusCode)
	}
	if res, doc := d.send(t, "POST", "/v1/widgets/1/lock", "writer-token", ""); res.StatusCode != 200 || doc["holder"] != "writer" {
		t.Fatalf("lock: %d %v", res.StatusCode, doc)
	}
	locked := []struct{ method, path, token, body string }{
		{"PUT", "/v1/widgets/1", "admin-token", widget},
		{"DELETE", "/v1/widgets/1", "admin-token", ""},
		{"POST", "/v1/widgets/1/lock", "admin-token", ""},
		{"DELETE", "/v1/widgets/1/lock", "admin-token", ""},
	}
	for _, tt := range locked {
		res, doc := d.send(t, tt.method, tt.path, tt.token, tt.body)
		if res.StatusCode != 409 || doc["type"] != d.URL+"/problems/widget-locked" || doc["title"] != "Widget locked" ||
			doc["holder"] != "writer" || doc["expires_in"] != float64(300) {
			t.Errorf("%s %s: %d %v", tt.method, tt.path, res.StatusCode, doc)
		}
	}
	if res, _ := d.send(t, "PUT", "/v1/widgets/1", "writer-token", widget); res.StatusCode != 200 {
		t.Errorf("the holder's PUT: %d", res.StatusCode)
	}
	if res, _ := d.send(t, "DELETE", "/v1/widgets/1/lock", "writer-token", ""); res.StatusCode != 204 {
		t.Errorf("unlock: %d", res.StatusCode)
	}
	res, doc := d.send(t, "DELETE", "/v1/widgets/1/lock", "writer-token", "")
	if res.StatusCode != 409 || doc["type"] != d.URL+"/problems/widget-not-locked" || doc["widget"] != "/v1/widgets/1" {
		t.Errorf("second unlock: %d %v", res.StatusCode, doc)
	}
	if res, _ := d.send(t, "POST", "/v1/widgets/9/lock", "writer-token", ""); res.StatusCode != 404 {
		t.Errorf("lock of a missing widget: %d", res.StatusCode)
	}
}

// The demo's reference site documents both team types, and its
// openapi.json holds them and is valid OpenAPI 3.1.
func TestTeamTypesAreDocumented(t *testing.T) {
	d := newTeamDemo(t)
	for _, slug := range []string{"widget-locked", "widget-not-locked"} {
		res, _ := d.send(t, "GET", "/problems/"+slug, "", "")
		if res.StatusCode != 200 {
			t.Errorf("%s page: %d", slug, res.StatusCode)
		}
	}
	res, err := d.Client().Get(d.URL + "/problems/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	doc, err := libopenapi.NewDocument(body)
	if err != nil {
		t.Fatal(err)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	ok, verrs := v.ValidateDocument()
	for _, e := range verrs {
		t.Errorf("openapi.json: %s: %s", e.Message, e.Reason)
	}
	t.Logf("openapi.json (%d bytes) valid OpenAPI 3.1 by libopenapi-validator: %v", len(body), ok)
	for _, want := range []string{`"widget-locked"`, `"widget-not-locked"`, `"holder"`, `"expires_in"`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("openapi.json lacks %s", want)
		}
	}
}

// The test helpers' corpus of bad requests, sent to the demo: every answer
// has the right status and passes every check.
func TestDemoAnswersTheBadRequestCorpus(t *testing.T) {
	d := newTeamDemo(t)
	bearer := func(token string) func(*http.Request) {
		return func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+token) }
	}
	err := d.check.Drive(d.Config.Handler,
		problemtest.Target{Method: "POST", Path: "/v1/widgets", Authorize: bearer("writer-token"), JSON: true, MaxBodyBytes: 1 << 20},
		problemtest.Target{Method: "GET", Path: "/v1/widgets", Authorize: bearer("reader-token")},
		problemtest.Target{Method: "POST", Path: "/v1/widgets/1/lock", Authorize: bearer("writer-token")},
	)
	for _, v := range problemtest.Violations(err) {
		t.Error(v)
	}
}
