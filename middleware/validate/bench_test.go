package validate_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fourxx/fourxx/middleware/validate"
	"github.com/go-playground/validator/v10"
)

const (
	smallValid   = `{"name":"Ann Lee","email":"ann@example.com","age":41,"country":"NZ","score":0.75}`
	smallInvalid = `{"name":"A","email":"ann@","age":200,"country":"XX","score":7}`
)

// reusableRequest returns a request whose body can be rewound cheaply, so
// the benchmarks measure decoding, not request construction.
func reusableRequest(body string) (*http.Request, func()) {
	rd := bytes.NewReader([]byte(body))
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("Content-Type", "application/json")
	r.ContentLength = int64(len(body))
	return r, func() {
		rd.Seek(0, io.SeekStart)
		r.Body = io.NopCloser(rd)
	}
}

// BenchmarkDecodeBaseline is plain encoding/json + validator.Struct on the
// same body and struct: the yardstick for BenchmarkDecodeValid.
func BenchmarkDecodeBaseline(b *testing.B) {
	engine := validator.New(validator.WithRequiredStructEnabled())
	r, rewind := reusableRequest(smallValid)
	b.ReportAllocs()
	for b.Loop() {
		rewind()
		var s Small
		if err := json.NewDecoder(r.Body).Decode(&s); err != nil {
			b.Fatal(err)
		}
		if err := engine.Struct(&s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeValid(b *testing.B) {
	r, rewind := reusableRequest(smallValid)
	validate.Default()
	b.ReportAllocs()
	for b.Loop() {
		rewind()
		if _, err := validate.Decode[Small](r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeInvalid(b *testing.B) {
	r, rewind := reusableRequest(smallInvalid)
	b.ReportAllocs()
	for b.Loop() {
		rewind()
		_, err := validate.Decode[Small](r)
		if p := asProblem(err); len(p.Errors) != 5 {
			b.Fatalf("%d errors, want 5: %v", len(p.Errors), err)
		}
	}
}

func BenchmarkDecodeValidParallel(b *testing.B) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		r, rewind := reusableRequest(smallValid)
		for pb.Next() {
			rewind()
			if _, err := validate.Decode[Small](r); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkQuery(b *testing.B) {
	r := httptest.NewRequest(http.MethodGet, "/?limit=10&sort=name&id=1&id=2&filter.status=open", nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := validate.Query[ListParams](r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWorstShape decodes the hostile bodies of complexity_test.go,
// grown to the 1 MiB default limit, beside json.Unmarshal of the same body
// into an any (the yardstick: target at most 10× its time). The Validator
// accepts the deepest nesting encoding/json decodes, so that the nested
// shapes are decoded, not refused at the default MaxDepth.
func BenchmarkWorstShape(b *testing.B) {
	v := validate.New(validate.Options{MaxDepth: validate.MaxDepthLimit})
	for _, s := range bodyShapes {
		n := 1
		for len(s.gen(2*n)) <= validate.DefaultMaxBytes && (2*n <= 4096 || !nested[s.name]) { // nesting stays under the depth limit
			n *= 2
		}
		body := s.gen(n)
		b.Run(s.name+"/validate", func(b *testing.B) {
			r, rewind := reusableRequest(body)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				rewind()
				_ = s.decode(v, r)
			}
		})
		b.Run(s.name+"/json.Unmarshal", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				var out any
				_ = json.Unmarshal([]byte(body), &out)
			}
		})
	}
}

// nested names the shapes that nest a level per unit of n.
var nested = map[string]bool{
	"nested duplicates": true, "nested duplicates into any": true, "unknown member at every level": true,
	"nested unknown members": true, "type error at every level": true, "deep arrays": true,
	"syntax error at the end of deep nesting": true,
}
