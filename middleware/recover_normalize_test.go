package middleware_test

import (
	"io"
	"net/http"
	"testing"

	"github.com/fourxx/fourxx/internal/httpcheck"
	"github.com/fourxx/fourxx/middleware"
)

// TestRecoverAroundNormalize: with Normalize's wrapper held in Recover's
// (Recover right in front of Normalize), a panic still gets the 500 whatever Normalize held back, a
// response that started is still cut short, and a second Normalize (which
// gets a wrapper of its own) still converts.
func TestRecoverAroundNormalize(t *testing.T) {
	recoverer := middleware.Recover(middleware.RecoverOptions{Renderer: strict})
	normalize := middleware.Normalize(middleware.NormalizeOptions{Renderer: strict})
	mux := http.NewServeMux()
	mux.Handle("/held", recoverer(normalize(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "name is required", http.StatusBadRequest)
		panic("after the held 400")
	}))))
	mux.Handle("/started", recoverer(normalize(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"items":[1,`)
		w.(http.Flusher).Flush()
		panic("mid-body")
	}))))
	mux.Handle("/twice", recoverer(normalize(normalize(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "quantity must be positive", http.StatusUnprocessableEntity)
	})))))
	srv := httpcheck.NewServer(t, mux)

	httpcheck.WantProblem(t, httpcheck.Send(t, srv, http.MethodGet, "/held", nil, nil), http.StatusInternalServerError, false)

	resp, err := srv.Client().Get(srv.URL + "/started")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if b, err := io.ReadAll(resp.Body); err == nil || resp.StatusCode != http.StatusOK || string(b) != `{"items":[1,` {
		t.Errorf("started response: %d %q %v, want 200, the bytes sent and a truncated body", resp.StatusCode, b, err)
	}

	if p := httpcheck.WantProblem(t, httpcheck.Send(t, srv, http.MethodGet, "/twice", nil, nil), http.StatusUnprocessableEntity, false); p.Detail != "quantity must be positive" {
		t.Errorf("detail %q through two Normalize", p.Detail)
	}
}
