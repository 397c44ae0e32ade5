package bench

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	chimw "github.com/go-chi/chi/v5/middleware"
	"github.com/go-playground/validator/v10"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/middleware"
	"github.com/fourxx/fourxx/middleware/chix"
	"github.com/fourxx/fourxx/middleware/validate"
)

// widgetInput is the demo's request body, with its rules.
type widgetInput struct {
	Name     string   `json:"name" validate:"required,min=1,max=64"`
	Color    string   `json:"color" validate:"required,oneof=red green blue"`
	Quantity int      `json:"quantity" validate:"required,min=1,max=1000"`
	Tags     []string `json:"tags,omitempty" validate:"omitempty,max=5,dive,min=1,max=16"`
	Owner    *owner   `json:"owner,omitempty"`
}

type owner struct {
	Email string `json:"email" validate:"required,email"`
}

// fiveInvalid breaks five rules of widgetInput.
const fiveInvalid = `{"name":"","color":"purple","quantity":5000,"tags":["a","b","this-tag-is-far-too-long"],"owner":{"email":"nope"}}`

const realm = "api"

// tokens is what both sides of the 401/403 benchmarks know.
var tokens = map[string][]string{"reader-token": {"widgets:read"}}

// A pathPair is one rejection written twice: with fourxx and as a team
// would write it with chi's middleware and http.Error.
type pathPair struct {
	name   string
	status int
	req    func() *http.Request
	fourxx http.Handler
	plain  http.Handler
}

func pathPairs() []pathPair {
	rd := errorsx.NewRenderer(errorsx.Options{TypeBase: typeBase})
	a := auth.New(auth.Options{Renderer: rd, Schemes: []auth.Scheme{auth.Bearer(auth.BearerOptions{
		Realm: realm,
		Verify: auth.StaticTokens(map[string]auth.Identity{
			"reader-token": {Subject: "reader", Scopes: tokens["reader-token"]},
		}),
	})}})
	v := validate.New(validate.Options{Renderer: rd})
	checker := validator.New()
	return []pathPair{
		{
			name: "401", status: http.StatusUnauthorized,
			req:    func() *http.Request { return httptest.NewRequest(http.MethodGet, "/v1/widgets", nil) },
			fourxx: a.Authenticate(ok),
			plain:  plainAuth(ok),
		},
		{
			name: "403", status: http.StatusForbidden,
			req: func() *http.Request {
				r := httptest.NewRequest(http.MethodPost, "/v1/widgets", nil)
				r.Header.Set("Authorization", "Bearer reader-token")
				return r
			},
			fourxx: a.Authenticate(a.Require(auth.RequireOptions{Scopes: []string{"widgets:write"}})(ok)),
			plain:  plainAuth(plainScope("widgets:write", ok)),
		},
		{
			name: "405", status: http.StatusMethodNotAllowed,
			req:    func() *http.Request { return httptest.NewRequest(http.MethodPatch, "/v1/widgets", nil) },
			fourxx: widgetsRouter(func(r chi.Router) { chix.Setup(r, chix.Options{Renderer: rd}) }),
			// chi itself answers 405 with Allow; the body is http.Error's.
			plain: widgetsRouter(func(r chi.Router) {
				r.MethodNotAllowed(func(w http.ResponseWriter, _ *http.Request) {
					http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
				})
			}),
		},
		{
			name: "413", status: http.StatusRequestEntityTooLarge,
			req: func() *http.Request {
				r := httptest.NewRequest(http.MethodPost, "/v1/widgets", strings.NewReader(strings.Repeat("x", 2048)))
				r.Header.Set("Content-Type", "application/json")
				return r
			},
			fourxx: middleware.BodyLimit(middleware.BodyLimitOptions{Renderer: rd, MaxBytes: 1024})(ok),
			plain: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.ContentLength > 1024 {
					http.Error(w, http.StatusText(http.StatusRequestEntityTooLarge), http.StatusRequestEntityTooLarge)
					return
				}
				ok.ServeHTTP(w, r)
			}),
		},
		{
			name: "415", status: http.StatusUnsupportedMediaType,
			req: func() *http.Request {
				r := httptest.NewRequest(http.MethodPost, "/v1/widgets", strings.NewReader("name=x"))
				r.Header.Set("Content-Type", "text/plain")
				return r
			},
			fourxx: middleware.ContentType(middleware.ContentTypeOptions{Renderer: rd, Accept: []string{"application/json"}})(ok),
			plain:  chimw.AllowContentType("application/json")(ok),
		},
		{
			name: "422", status: http.StatusUnprocessableEntity,
			req: func() *http.Request {
				r := httptest.NewRequest(http.MethodPost, "/v1/widgets", nil)
				r.Header.Set("Content-Type", "application/json")
				return r
			},
			fourxx: validate.JSON[widgetInput](v)(ok),
			plain: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				var in widgetInput
				if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
					http.Error(w, err.Error(), http.StatusBadRequest)
					return
				}
				if err := checker.Struct(in); err != nil {
					http.Error(w, err.Error(), http.StatusUnprocessableEntity)
					return
				}
				ok.ServeHTTP(w, r)
			}),
		},
	}
}

// widgetsRouter is a chi router serving GET and POST /v1/widgets, set up
// by setup first.
func widgetsRouter(setup func(chi.Router)) http.Handler {
	r := chi.NewRouter()
	setup(r)
	r.Get("/v1/widgets", ok)
	r.Post("/v1/widgets", ok)
	return r
}

// plainAuth is a Bearer check written by hand: 401 with a challenge when the
// token is missing or unknown.
func plainAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, found := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if _, known := tokens[token]; !found || !known {
			w.Header().Set("WWW-Authenticate", `Bearer realm="`+realm+`"`)
			http.Error(w, http.StatusText(http.StatusUnauthorized), http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// plainScope answers 403 when the token lacks scope.
func plainScope(scope string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !slices.Contains(tokens[token], scope) {
			http.Error(w, http.StatusText(http.StatusForbidden), http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// BenchmarkReject runs each rejection path through fourxx and through the
// same check written with chi middleware and http.Error.
func BenchmarkReject(b *testing.B) {
	body := []byte(fiveInvalid)
	for _, p := range pathPairs() {
		for _, side := range []struct {
			name string
			h    http.Handler
		}{{"fourxx", p.fourxx}, {"chi+http.Error", p.plain}} {
			b.Run(p.name+"/"+side.name, func(b *testing.B) {
				req, w := p.req(), newDiscardWriter()
				rd := bytes.NewReader(body)
				b.ReportAllocs()
				for b.Loop() {
					w.reset()
					if p.name == "422" {
						rd.Reset(body)
						req.Body, req.ContentLength = io.NopCloser(rd), int64(len(body))
					}
					side.h.ServeHTTP(w, req)
				}
				if w.status() != p.status {
					b.Fatalf("status %d, want %d", w.status(), p.status)
				}
			})
		}
	}
}
