package errorsx_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
)

// A nil *Renderer is the default one, looked up when it writes: SetDefault
// reaches every nil renderer and every handler built before it. Not
// parallel: it replaces the package default.
func TestNilRendererUsesTheDefaultAtWriteTime(t *testing.T) {
	old := errorsx.Default()
	t.Cleanup(func() { errorsx.SetDefault(old) })

	var nilRenderer *errorsx.Renderer
	fail := func(http.ResponseWriter, *http.Request) error { return errorsx.NotFound("no widget") }
	builtBefore := []http.Handler{nilRenderer.Handler(fail), errorsx.Handler(fail)}

	errorsx.SetDefault(errorsx.NewRenderer(errorsx.Options{TypeBase: "https://api.example.com/problems/"}))
	errorsx.SetDefault(nil) // ignored
	const want = `"type":"https://api.example.com/problems/not-found"`

	for i, h := range builtBefore {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		if rec.Code != 404 || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("handler %d built before SetDefault: %d %s", i, rec.Code, rec.Body)
		}
	}
	rec := httptest.NewRecorder()
	nilRenderer.Write(rec, httptest.NewRequest("GET", "/", nil), errorsx.NotFound(""))
	if !strings.Contains(rec.Body.String(), want) {
		t.Errorf("nil Write: %s", rec.Body)
	}
	rec = httptest.NewRecorder()
	errorsx.Write(rec, httptest.NewRequest("GET", "/", nil), errorsx.NotFound(""))
	if !strings.Contains(rec.Body.String(), want) {
		t.Errorf("package Write: %s", rec.Body)
	}
	if status, _, body := nilRenderer.Render(httptest.NewRequest("GET", "/", nil), errorsx.NotFound("")); status != 404 || !strings.Contains(string(body), want) {
		t.Errorf("nil Render: %d %s", status, body)
	}
	if nilRenderer.TypeBase() != "https://api.example.com/problems/" {
		t.Errorf("nil TypeBase %q", nilRenderer.TypeBase())
	}
}
