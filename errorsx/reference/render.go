package reference

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"sync"
)

//go:embed templates/*.html
var templateFS embed.FS

// parseTemplates parses the templates of every HTML page of the site. The
// static pages are rendered with a set parsed for the purpose and dropped,
// so a built site keeps none.
func parseTemplates() *template.Template {
	return template.Must(template.ParseFS(templateFS, "templates/*.html"))
}

// searchTemplates is the set that renders search results, which are
// rendered per request; it is parsed on the first search and shared by
// every site.
var searchTemplates = sync.OnceValue(parseTemplates)

// A pageWriter renders representations into one buffer and copies each
// out at its exact size, so that a prepared body keeps no spare capacity.
type pageWriter struct {
	tmpl *template.Template
	buf  bytes.Buffer
	enc  *json.Encoder
}

// newPageWriter returns a pageWriter whose HTML pages are rendered with
// tmpl; it may be nil when the writer writes JSON only.
func newPageWriter(tmpl *template.Template) *pageWriter {
	w := &pageWriter{tmpl: tmpl}
	w.enc = json.NewEncoder(&w.buf)
	w.enc.SetIndent("", "  ")
	return w
}

// html executes the page template for v.
func (w *pageWriter) html(v pageView) *resource {
	w.buf.Reset()
	if err := w.tmpl.ExecuteTemplate(&w.buf, "layout", v); err != nil {
		panic("reference: page template: " + err.Error())
	}
	return newResource("text/html; charset=utf-8", bytes.Clone(w.buf.Bytes()))
}

// json encodes v, indented for people reading it with curl, with a final
// newline.
func (w *pageWriter) json(v any) *resource {
	w.buf.Reset()
	if err := w.enc.Encode(v); err != nil {
		panic("reference: json: " + err.Error())
	}
	return newResource("application/json", bytes.Clone(w.buf.Bytes()))
}
