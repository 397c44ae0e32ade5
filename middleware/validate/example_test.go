package validate_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/middleware/validate"
)

type CreateWidget struct {
	Name     string   `json:"name" validate:"required,max=32"`
	Quantity int      `json:"quantity" validate:"gte=1,lte=100"`
	Tags     []string `json:"tags" validate:"max=3,dive,alphanum"`
	Owner    struct {
		Email string `json:"email" validate:"required,email"`
	} `json:"owner"`
}

// Decode inside a handler: return the error and errorsx.Handler renders it.
func ExampleDecode() {
	h := errorsx.Handler(func(w http.ResponseWriter, r *http.Request) error {
		in, err := validate.Decode[CreateWidget](r)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "created %d × %s\n", in.Quantity, in.Name)
		return nil
	})

	body := `{"name": "", "quantity": "ten", "tags": ["ok", "not ok"], "owner": {"email": "bob@"}}`
	r := httptest.NewRequest(http.MethodPost, "/widgets", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("Content-Type"))
	fmt.Println(w.Body.String())
	// Output:
	// 422 application/problem+json
	// {"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"The request body has 4 invalid values; see errors.","errors":[{"detail":"is required","pointer":"#/name","code":"required"},{"detail":"must be an integer","pointer":"#/quantity","code":"type"},{"detail":"must contain only letters and digits","pointer":"#/tags/1","code":"alphanum"},{"detail":"must be a valid email address","pointer":"#/owner/email","code":"email"}]}
}

// The middleware form rejects before the handler runs and hands the value
// on through the request context.
func ExampleJSON() {
	create := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in := validate.Value[CreateWidget](r)
		fmt.Fprintf(w, "created %d × %s", in.Quantity, in.Name)
	})
	v := validate.New(validate.Options{MaxBytes: 64 << 10})
	mux := http.NewServeMux()
	mux.Handle("POST /widgets", validate.JSON[CreateWidget](v)(create))

	for _, body := range []string{
		`{"name": "bolt", "quantity": 3, "owner": {"email": "ann@example.com"}}`,
		`{"name": "bolt", "quantity": 3,}`,
	} {
		r := httptest.NewRequest(http.MethodPost, "/widgets", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, r)
		fmt.Println(w.Code, w.Body.String())
	}
	// Output:
	// 200 created 3 × bolt
	// 400 {"type":"about:blank","title":"Bad Request","status":400,"detail":"The request body is not valid JSON: expected a member name in double quotes, found '}' (line 1, column 32).","column":32,"line":1,"offset":31}
}

type ListWidgets struct {
	Limit int    `query:"limit" validate:"min=1,max=100"`
	Sort  string `query:"sort" validate:"omitempty,oneof=name created"`
}

// Query parameters fail with 400 and "parameter" entries.
func ExampleQuery() {
	h := errorsx.Handler(func(w http.ResponseWriter, r *http.Request) error {
		q, err := validate.Query[ListWidgets](r)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "limit=%d sort=%s", q.Limit, q.Sort)
		return nil
	})
	for _, target := range []string{"/widgets?limit=10&sort=name", "/widgets?sort=size&limit=500"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
		fmt.Println(w.Code, w.Body.String())
	}
	// Output:
	// 200 limit=10 sort=name
	// 400 {"type":"about:blank","title":"Bad Request","status":400,"detail":"The query string has 2 invalid values; see errors.","errors":[{"detail":"must be one of: name, created","parameter":"sort","code":"oneof"},{"detail":"must be at most 100","parameter":"limit","code":"max"}]}
}

// MaxDepth bounds the nesting of a body; a deeper one is refused with 400
// before it is decoded.
func ExampleOptions_maxDepth() {
	v := validate.New(validate.Options{MaxDepth: 2})
	for _, body := range []string{`{"tags": ["a"]}`, `{"tags": [["a"]]}`} {
		r := httptest.NewRequest(http.MethodPost, "/widgets", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		_, err := validate.DecodeWith[map[string]any](v, r)
		if p, ok := err.(*errorsx.Problem); ok {
			fmt.Println(p.Status, p.Detail, "max_depth:", p.Extensions["max_depth"])
			continue
		}
		fmt.Println("accepted")
	}
	// Output:
	// accepted
	// 400 The request body nests arrays and objects more than 2 levels deep; at most 2 are accepted (line 1, column 11). max_depth: 2
}
