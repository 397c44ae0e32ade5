package methods_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/fourxx/fourxx/internal/methods"
)

func TestAnswer(t *testing.T) {
	set, err := methods.NewSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	allow := methods.NewAllow(set.Allowed(func(m string) bool { return m == http.MethodGet || m == http.MethodPost }))
	all := "GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE"
	tests := []struct {
		method, target string
		want           methods.Refusal
		wantStatus     int    // written by Answer; 0 when nothing is
		wantAllow      string // checked when wantStatus is 204
	}{
		{"OPTIONS", "*", methods.Answered, 204, all},
		{"OPTIONS", "/x", methods.Answered, 204, "GET, HEAD, POST"},
		{"BREW", "/x", methods.NotImplemented, 0, ""},
		{"get", "/x", methods.NotImplemented, 0, ""},
		{"BREW", "*", methods.NotImplemented, 0, ""},
		{"DELETE", "/x", methods.NotAllowed, 0, ""},
		{"PUT", "*", methods.NotAllowed, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/x", nil)
			r.Method, r.RequestURI = tt.method, tt.target
			rec := httptest.NewRecorder()
			if got := set.Answer(rec, r, allow); got != tt.want {
				t.Fatalf("Answer = %d, want %d", got, tt.want)
			}
			if tt.wantStatus == 0 {
				if rec.Code != 200 || len(rec.Header()) != 0 || rec.Body.Len() != 0 {
					t.Fatalf("wrote %d %v for a refusal", rec.Code, rec.Header())
				}
				return
			}
			if rec.Code != tt.wantStatus || rec.Header().Get("Allow") != tt.wantAllow {
				t.Fatalf("got %d Allow %q, want %d %q", rec.Code, rec.Header().Get("Allow"), tt.wantStatus, tt.wantAllow)
			}
		})
	}
}

func TestNewSet(t *testing.T) {
	tests := []struct {
		known, extra []string
		want         []string
		wantErr      bool
	}{
		{nil, nil, methods.Default(), false},
		{[]string{"GET", "PROPFIND"}, []string{"GET", "MKCOL"}, []string{"GET", "PROPFIND", "MKCOL"}, false},
		{[]string{}, []string{"GET"}, []string{"GET"}, false},
		{nil, []string{""}, nil, true},
		{nil, []string{"G ET"}, nil, true},
		{[]string{"GET\n"}, nil, nil, true},
	}
	for _, tt := range tests {
		set, err := methods.NewSet(tt.known, tt.extra...)
		if (err != nil) != tt.wantErr {
			t.Fatalf("NewSet(%q, %q) error %v, want error %v", tt.known, tt.extra, err, tt.wantErr)
		}
		if err == nil && !slices.Equal(set.Known(), tt.want) {
			t.Errorf("NewSet(%q, %q) = %q, want %q", tt.known, tt.extra, set.Known(), tt.want)
		}
	}
}

func TestAllowedAddsHEADWithGET(t *testing.T) {
	set, _ := methods.NewSet([]string{"POST", "GET", "HEAD"})
	got := set.Allowed(func(m string) bool { return m == "GET" || m == "POST" })
	if want := []string{"POST", "GET", "HEAD"}; !slices.Equal(got, want) {
		t.Fatalf("Allowed = %q, want %q", got, want)
	}
	if got := set.Allowed(func(string) bool { return false }); len(got) != 0 {
		t.Fatalf("Allowed of nothing = %q", got)
	}
}

// headerOnly is a ResponseWriter that keeps a header map and discards the
// rest.
type headerOnly struct{ h http.Header }

func (w *headerOnly) Header() http.Header         { return w.h }
func (w *headerOnly) Write(b []byte) (int, error) { return len(b), nil }
func (w *headerOnly) WriteHeader(int)             {}
