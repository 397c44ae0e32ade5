package validate_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/middleware/validate"
	"github.com/go-playground/validator/v10"
)

// problemBody is the part of a problem document the tests look at.
type problemBody struct {
	Type   string `json:"type"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Errors []struct {
		Detail    string          `json:"detail"`
		Pointer   string          `json:"pointer"`
		Parameter string          `json:"parameter"`
		Header    string          `json:"header"`
		Code      string          `json:"code"`
		Value     json.RawMessage `json:"value"`
	} `json:"errors"`
}

var strict = errorsx.NewRenderer(errorsx.Options{Strict: true, TypeBase: "https://errors.example/"})

// orderServer decodes an Order with v inside an errorsx handler.
func orderServer(t *testing.T, v *validate.Validator) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(strict.Handler(func(w http.ResponseWriter, r *http.Request) error {
		if _, err := validate.DecodeWith[Order](v, r); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}))
	t.Cleanup(srv.Close)
	return srv
}

// post sends body with content type ct (none when empty) and returns the
// response and its decoded problem, if any.
func post(t *testing.T, url, ct string, body io.Reader) (*http.Response, problemBody) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var pb problemBody
	if resp.StatusCode >= 400 {
		if err := json.NewDecoder(resp.Body).Decode(&pb); err != nil {
			t.Fatalf("status %d: body is not a problem document: %v", resp.StatusCode, err)
		}
		if pb.Status != resp.StatusCode {
			t.Errorf("body status %d != response status %d", pb.Status, resp.StatusCode)
		}
	}
	return resp, pb
}

// decodeDirect runs Decode on an in-memory request and returns the problem.
func decodeDirect[T any](t *testing.T, v *validate.Validator, body string) *errorsx.Problem {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	_, err := validate.DecodeWith[T](v, r)
	if err == nil {
		return nil
	}
	p, ok := err.(*errorsx.Problem)
	if !ok {
		t.Fatalf("error is %T, want *errorsx.Problem", err)
	}
	return p
}

const validOrder = `{"id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","email":"ann@example.com","profile":{"color":"red"},` +
	`"items":[{"name":"pen","quantity":2}],"tags":["a1"],"labels":{"k":"v"}}`

type validatorFieldError = validator.FieldError

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

func newJSONRequest(body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	return r
}

func asProblem(err error) *errorsx.Problem {
	p, _ := err.(*errorsx.Problem)
	if p == nil {
		return &errorsx.Problem{}
	}
	return p
}

type validatorFieldLevel = validator.FieldLevel
