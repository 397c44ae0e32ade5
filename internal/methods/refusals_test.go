package methods_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/internal/methods"
)

func TestRefusalsAnswer(t *testing.T) {
	set, _ := methods.NewSet(nil)
	built := 0
	rf := methods.NewRefusals(set, []string{"GET", "HEAD"}, func(m string, allowed ...string) string {
		built++
		return m + " not in " + strings.Join(allowed, ",")
	})
	if built != len(set.Known()) {
		t.Fatalf("built %d values, want one per known method (%d)", built, len(set.Known()))
	}
	tests := []struct {
		method, target string
		want           methods.Refusal
		wantValue      string
		wantStatus     int
	}{
		{"DELETE", "/x", methods.NotAllowed, "DELETE not in GET,HEAD", 0},
		{"TRACE", "/x", methods.NotAllowed, "TRACE not in GET,HEAD", 0},
		{"OPTIONS", "/x", methods.Answered, "", 204},
		{"OPTIONS", "*", methods.Answered, "", 204},
		{"BREW", "/x", methods.NotImplemented, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/x", nil)
			r.Method, r.RequestURI = tt.method, tt.target
			rec := httptest.NewRecorder()
			got, value := rf.Answer(rec, r)
			if got != tt.want || value != tt.wantValue {
				t.Fatalf("Answer = %d, %q; want %d, %q", got, value, tt.want, tt.wantValue)
			}
			if tt.wantStatus != 0 && rec.Code != tt.wantStatus {
				t.Fatalf("status %d, want %d", rec.Code, tt.wantStatus)
			}
		})
	}
}
