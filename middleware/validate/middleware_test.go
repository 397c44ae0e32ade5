package validate_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/middleware/validate"
)

func TestJSONMiddleware(t *testing.T) {
	var calls int
	var got Order
	var fromOK bool
	h := validate.JSON[Order](validate.New(validate.Options{Renderer: strict}))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		got = validate.Value[Order](r)
		_, fromOK = validate.From[Order](r.Context())
		w.WriteHeader(http.StatusCreated)
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()

	resp, pb := post(t, srv.URL, "application/json", strings.NewReader(`{"email":"x"}`))
	if resp.StatusCode != 422 || calls != 0 || len(pb.Errors) == 0 {
		t.Fatalf("invalid body: status %d, handler calls %d, errors %v; want 422 before the handler", resp.StatusCode, calls, pb.Errors)
	}
	resp, _ = post(t, srv.URL, "text/plain", strings.NewReader(validOrder))
	if resp.StatusCode != 415 || calls != 0 {
		t.Fatalf("wrong media type: status %d, calls %d", resp.StatusCode, calls)
	}
	resp, _ = post(t, srv.URL, "application/json", strings.NewReader(validOrder))
	if resp.StatusCode != 201 || calls != 1 || !fromOK || got.Email != "ann@example.com" || got.Items[0].Name != "pen" {
		t.Fatalf("valid body: status %d, calls %d, value %+v", resp.StatusCode, calls, got)
	}
}

func TestValueWithoutMiddleware(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	if v := validate.Value[Order](r); v.Email != "" {
		t.Errorf("Value = %+v, want zero", v)
	}
	if _, ok := validate.From[Order](r.Context()); ok {
		t.Error("From reports a value that was never stored")
	}
}

func TestHEADRejectionHasNoBody(t *testing.T) {
	srv := httptest.NewServer(validate.JSON[Order](nil)(http.NotFoundHandler()))
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodHead, srv.URL, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 400 || resp.ContentLength > 0 {
		t.Errorf("HEAD: status %d length %d, want 400 and no body", resp.StatusCode, resp.ContentLength)
	}
}
