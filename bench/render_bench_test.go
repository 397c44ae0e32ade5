package bench

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/moogar0880/problems"

	"github.com/fourxx/fourxx/errorsx"
)

const (
	notFoundDetail = "No widget with id 7 exists."
	invalidDetail  = "5 fields are invalid."
	typeBase       = "https://api.example.com/problems/"
)

// fieldIssue is one invalid field, in the shape each contender takes.
type fieldIssue struct{ detail, pointer, code, location string }

var fiveIssues = []fieldIssue{
	{"is required", "#/name", "required", "body.name"},
	{"must be one of: red, green, blue", "#/color", "oneof", "body.color"},
	{"must be at most 1000", "#/quantity", "lte", "body.quantity"},
	{"must be at most 16 characters", "#/tags/2", "max", "body.tags[2]"},
	{"must be an email address", "#/owner/email", "email", "body.owner.email"},
}

// naiveProblem is the document a team encodes by hand with encoding/json.
type naiveProblem struct {
	Type   string       `json:"type"`
	Title  string       `json:"title"`
	Status int          `json:"status"`
	Detail string       `json:"detail"`
	Errors []naiveField `json:"errors,omitempty"`
}

type naiveField struct {
	Detail  string `json:"detail"`
	Pointer string `json:"pointer"`
	Code    string `json:"code"`
}

func naiveEncode(w http.ResponseWriter, status int, p naiveProblem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(p)
}

// A renderContender answers one request with a 404 and with a 422, building
// the error per request as a handler would.
type renderContender struct {
	name     string
	notFound func(w http.ResponseWriter, r *http.Request)
	invalid  func(w http.ResponseWriter, r *http.Request)
}

func renderContenders() []renderContender {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: typeBase})
	humaAPI := humago.New(http.NewServeMux(), huma.DefaultConfig("bench", "1.0.0"))
	humaOp := &huma.Operation{Method: http.MethodGet, Path: "/v1/widgets/{id}"}
	return []renderContender{
		{
			name:     "fourxx",
			notFound: func(w http.ResponseWriter, r *http.Request) { rd.Write(w, r, errorsx.NotFound(notFoundDetail)) },
			invalid: func(w http.ResponseWriter, r *http.Request) {
				errs := make([]errorsx.FieldError, len(fiveIssues))
				for i, f := range fiveIssues {
					errs[i] = errorsx.FieldError{Detail: f.detail, Pointer: f.pointer, Code: f.code}
				}
				rd.Write(w, r, errorsx.UnprocessableContent(invalidDetail, errs...))
			},
		},
		{
			name:     "http.Error",
			notFound: func(w http.ResponseWriter, _ *http.Request) { http.Error(w, notFoundDetail, http.StatusNotFound) },
			invalid: func(w http.ResponseWriter, _ *http.Request) {
				http.Error(w, invalidDetail, http.StatusUnprocessableEntity)
			},
		},
		{
			name: "naive-json",
			notFound: func(w http.ResponseWriter, _ *http.Request) {
				naiveEncode(w, http.StatusNotFound, naiveProblem{Type: typeBase + "not-found", Title: "Not Found", Status: http.StatusNotFound, Detail: notFoundDetail})
			},
			invalid: func(w http.ResponseWriter, _ *http.Request) {
				errs := make([]naiveField, len(fiveIssues))
				for i, f := range fiveIssues {
					errs[i] = naiveField{Detail: f.detail, Pointer: f.pointer, Code: f.code}
				}
				naiveEncode(w, http.StatusUnprocessableEntity, naiveProblem{Type: typeBase + "unprocessable-content", Title: "Unprocessable Content", Status: http.StatusUnprocessableEntity, Detail: invalidDetail, Errors: errs})
			},
		},
		{
			name: "moogar0880/problems",
			notFound: func(w http.ResponseWriter, r *http.Request) {
				problems.ProblemHandler(problems.NewDetailedProblem(http.StatusNotFound, notFoundDetail)).ServeHTTP(w, r)
			},
			invalid: func(w http.ResponseWriter, r *http.Request) {
				type withErrors struct {
					Errors []naiveField `json:"errors"`
				}
				errs := make([]naiveField, len(fiveIssues))
				for i, f := range fiveIssues {
					errs[i] = naiveField{Detail: f.detail, Pointer: f.pointer, Code: f.code}
				}
				p := problems.Extend(problems.NewDetailedProblem(http.StatusUnprocessableEntity, invalidDetail), withErrors{errs})
				w.Header().Set("Content-Type", problems.ProblemMediaType)
				w.WriteHeader(http.StatusUnprocessableEntity)
				_ = json.NewEncoder(w).Encode(p)
			},
		},
		{
			name: "huma",
			notFound: func(w http.ResponseWriter, r *http.Request) {
				_ = huma.WriteErr(humaAPI, humago.NewContext(humaOp, r, w), http.StatusNotFound, notFoundDetail)
			},
			invalid: func(w http.ResponseWriter, r *http.Request) {
				errs := make([]error, len(fiveIssues))
				for i, f := range fiveIssues {
					errs[i] = &huma.ErrorDetail{Message: f.detail, Location: f.location}
				}
				_ = huma.WriteErr(humaAPI, humago.NewContext(humaOp, r, w), http.StatusUnprocessableEntity, invalidDetail, errs...)
			},
		},
	}
}

func benchRender(b *testing.B, req *http.Request, want int, write func(http.ResponseWriter, *http.Request)) {
	w := newDiscardWriter()
	b.ReportAllocs()
	for b.Loop() {
		w.reset()
		write(w, req)
	}
	if w.status() != want || w.n == 0 {
		b.Fatalf("status %d with %d body bytes, want %d with a body", w.status(), w.n, want)
	}
}

// BenchmarkRender404: a 404 built per request for a client that sent
// `Accept: application/json`.
func BenchmarkRender404(b *testing.B) {
	req := httptest.NewRequest(http.MethodGet, "/v1/widgets/7", nil)
	req.Header.Set("Accept", "application/json")
	for _, c := range renderContenders() {
		b.Run(c.name, func(b *testing.B) { benchRender(b, req, http.StatusNotFound, c.notFound) })
	}
}

// BenchmarkRender422FiveErrors: a 422 listing five invalid fields, built
// per request.
func BenchmarkRender422FiveErrors(b *testing.B) {
	req := httptest.NewRequest(http.MethodPost, "/v1/widgets", nil)
	req.Header.Set("Accept", "application/json")
	for _, c := range renderContenders() {
		b.Run(c.name, func(b *testing.B) { benchRender(b, req, http.StatusUnprocessableEntity, c.invalid) })
	}
}
