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

// parseTemplates parses the templates of the site's HTML pages. The pages
// a site prepares are rendered with a set parsed for them and dropped, so a
// built site keeps none.
func parseTemplates() *template.Template {
	return template.Must(template.ParseFS(templateFS, "templates/*.html"))
}

// searchTemplates is the set that renders search results, which are
// rendered per request; it is parsed on the first search and shared by
// every site.
var searchTemplates = sync.OnceValue(parseTemplates)

// A pageWriter renders representations. One that prepares a site's pages
// (keep) renders each into one reused buffer and copies it out at its exact
// size, so that the bodies a site keeps have no spare capacity; one that
// renders a response for a single request hands its bytes over as they are.
type pageWriter struct {
	tmpl *template.Template
	keep bool
	buf  bytes.Buffer
}

// html executes the page template for v.
func (w *pageWriter) html(v pageView) *resource {
	buf := &w.buf
	if !w.keep {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	if err := w.tmpl.ExecuteTemplate(buf, "layout", v); err != nil {
		panic("reference: page template: " + err.Error())
	}
	return newResource("text/html; charset=utf-8", w.own(buf.Bytes()))
}

// json encodes v, indented for people reading it with curl, with a final
// newline.
func (w *pageWriter) json(v any) *resource {
	body, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic("reference: json: " + err.Error())
	}
	return newResource("application/json", w.own(append(body, '\n')))
}

// own returns body as the resource keeps it: a copy at its exact size when
// w prepares a site's pages, else body itself.
func (w *pageWriter) own(body []byte) []byte {
	if w.keep {
		return bytes.Clone(body)
	}
	return body
}
