package reference

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"slices"
	"strconv"
	"time"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
	"github.com/fourxx/fourxx/errorsx/openapi"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// pageTemplate renders every HTML page of the site.
var pageTemplate = template.Must(template.ParseFS(templateFS, "templates/*.html"))

// site is the handler built by [Handler]: everything it serves, prepared.
type site struct {
	rd    *errorsx.Renderer
	cat   *catalog.Catalog
	base  string
	title string
	// pages maps a slug to its page; "" is not a key, the index is apart.
	pages        map[string]*page
	index        *page
	openapi      *resource // the catalog's OpenAPI components, at openapi.json
	assets       map[string]*resource
	modTime      time.Time
	lastModified []string
}

// A page is one document in its two representations.
type page struct {
	html, json *resource
}

// pick returns the JSON representation when asJSON is set, else the HTML.
func (p *page) pick(asJSON bool) *resource {
	if asJSON {
		return p.json
	}
	return p.html
}

func newSite(rd *errorsx.Renderer, base, title string, now time.Time) *site {
	modTime := now.UTC().Truncate(time.Second)
	s := &site{
		rd:           rd,
		cat:          rd.Catalog(),
		base:         base,
		title:        title,
		pages:        make(map[string]*page),
		assets:       loadAssets(),
		modTime:      modTime,
		lastModified: []string{modTime.Format(http.TimeFormat)},
	}
	all := s.cat.Entries()
	var client, team, server []catalog.Entry
	for _, e := range all {
		s.pages[e.Slug] = s.codePage(e)
		switch {
		case e.Team:
			team = append(team, e)
		case e.Status < 500:
			client = append(client, e)
		default:
			server = append(server, e)
		}
	}
	slices.SortStableFunc(team, func(a, b catalog.Entry) int { return a.Status - b.Status })
	s.index = &page{html: s.indexHTML(client, team, server), json: s.searchJSON("", all)}
	s.openapi = newResource("application/json", openapi.Document(rd, openapi.Options{Title: title}))
	return s
}

// loadAssets reads the embedded stylesheet and script.
func loadAssets() map[string]*resource {
	assets := make(map[string]*resource)
	entries, err := fs.ReadDir(assetFS, "assets")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		body, err := fs.ReadFile(assetFS, "assets/"+e.Name())
		if err != nil {
			panic(err)
		}
		assets[e.Name()] = newResource(mime.TypeByExtension(path.Ext(e.Name())), body)
	}
	return assets
}

// siteView is what every page's layout needs.
type siteView struct {
	Title string
	Base  string
}

// pageView is the data of one HTML page: the layout's, plus either the
// index (with or without a search) or one code.
type pageView struct {
	Site  siteView
	Title string
	Query string
	Index *indexView
	Code  *codeView
}

// indexView lists entries: the 4xx codes, the team's types and the 5xx
// codes, or the results of a search.
type indexView struct {
	Searched bool
	Results  []catalog.Entry
	Total    int
	// Team lists the team's types by status, and Server the documented
	// 5xx codes, on the unsearched index only.
	Team, Server []catalog.Entry
}

// codeView is one entry's page.
type codeView struct {
	catalog.Entry
	// Standard is the standard entry of a team type's status.
	Standard *catalog.Entry
	Notes    []noteView
	Example  *exampleResponse
	// WirePhrase is the reason phrase Go's server sends, shown when it
	// differs from the registered one.
	WirePhrase string
}

// noteView is a note with its links resolved.
type noteView struct {
	Heading, Text string
	Links         []linkView
}

type linkView struct {
	Href, Label string
	Current     bool
}

// codeDoc is the JSON representation of a code's page: the catalog entry,
// the page's address, its notes, and the example response.
type codeDoc struct {
	catalog.Entry
	Page    string           `json:"page"`
	Notes   []noteDoc        `json:"notes,omitempty"`
	Example *exampleResponse `json:"example,omitempty"`
}

type noteDoc struct {
	Heading string   `json:"heading"`
	Text    string   `json:"text"`
	SeeAlso []string `json:"see_also"`
}

// searchDoc is the JSON representation of the index: the query (empty for
// the full list) and the codes, best match first.
type searchDoc struct {
	Query   string      `json:"query"`
	Results []resultDoc `json:"results"`
}

type resultDoc struct {
	Status  int    `json:"status"`
	Title   string `json:"title"`
	Slug    string `json:"slug"`
	Summary string `json:"summary"`
	Page    string `json:"page"`
	Team    bool   `json:"team"`
}

// codePage renders c's page in both representations.
func (s *site) codePage(c catalog.Entry) *page {
	ex := renderExample(s.rd, c)
	view := &codeView{Entry: c, Example: ex}
	if c.Team {
		if std, ok := s.cat.ForStatus(c.Status); ok {
			view.Standard = &std
		}
	}
	if ex != nil && http.StatusText(c.Status) != errorsx.ReasonPhrase(c.Status) {
		view.WirePhrase = http.StatusText(c.Status)
	}
	doc := codeDoc{Entry: c, Page: s.base + c.Slug, Example: ex}
	for _, n := range notes[c.Status] {
		if c.Team {
			break
		}
		nv := noteView{Heading: n.Heading, Text: n.Text}
		nd := noteDoc{Heading: n.Heading, Text: n.Text}
		for _, status := range n.SeeAlso {
			other, ok := s.cat.ForStatus(status)
			if !ok {
				continue
			}
			href := s.base + other.Slug
			nv.Links = append(nv.Links, linkView{Href: href, Label: strconv.Itoa(status) + " " + other.Title, Current: status == c.Status})
			nd.SeeAlso = append(nd.SeeAlso, href)
		}
		view.Notes = append(view.Notes, nv)
		doc.Notes = append(doc.Notes, nd)
	}
	title := strconv.Itoa(c.Status) + " " + c.Title
	if c.Team {
		title = c.Title + " (" + strconv.Itoa(c.Status) + ")"
	}
	html := s.renderHTML(pageView{
		Site:  s.siteView(),
		Title: title,
		Code:  view,
	})
	return &page{html: html, json: jsonResource(doc)}
}

// indexHTML renders the index: every 4xx code, the team's types, then
// the documented 5xx.
func (s *site) indexHTML(codes, team, server []catalog.Entry) *resource {
	return s.renderHTML(pageView{
		Site:  s.siteView(),
		Title: s.title,
		Index: &indexView{Results: codes, Total: len(codes), Team: team, Server: server},
	})
}

// searchHTML renders the index page for query with results, best first;
// an empty query lists every code.
func (s *site) searchHTML(query string, results []catalog.Entry) *resource {
	title := s.title
	if query != "" {
		title = "Search: " + query
	}
	return s.renderHTML(pageView{
		Site:  s.siteView(),
		Title: title,
		Query: query,
		Index: &indexView{Searched: query != "", Results: results, Total: len(results)},
	})
}

// searchJSON encodes query and results as a [searchDoc].
func (s *site) searchJSON(query string, results []catalog.Entry) *resource {
	doc := searchDoc{Query: query, Results: make([]resultDoc, len(results))}
	for i, c := range results {
		doc.Results[i] = resultDoc{Status: c.Status, Title: c.Title, Slug: c.Slug, Summary: c.Summary, Page: s.base + c.Slug, Team: c.Team}
	}
	return jsonResource(doc)
}

func (s *site) siteView() siteView { return siteView{Title: s.title, Base: s.base} }

// renderHTML executes the page template for v.
func (s *site) renderHTML(v pageView) *resource {
	var buf bytes.Buffer
	if err := pageTemplate.ExecuteTemplate(&buf, "layout", v); err != nil {
		panic("reference: page template: " + err.Error())
	}
	return newResource("text/html; charset=utf-8", buf.Bytes())
}

// jsonResource encodes v, indented for people reading it with curl.
func jsonResource(v any) *resource {
	body, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic("reference: json: " + err.Error())
	}
	return newResource("application/json", append(body, '\n'))
}

// serveIndex answers the index: the prepared full list, or the results of
// the request's search, rendered for this request.
func (s *site) serveIndex(w http.ResponseWriter, r *http.Request) {
	asJSON := wantsJSON(r)
	q := searchQuery(r.URL.RawQuery)
	if q == "" {
		s.serve(w, r, s.index.pick(asJSON))
		return
	}
	results := s.cat.Search(q)
	if asJSON {
		s.serve(w, r, s.searchJSON(q, results))
		return
	}
	s.serve(w, r, s.searchHTML(q, results))
}
