package reference

import (
	"bytes"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
	"github.com/fourxx/fourxx/errorsx/openapi"
)

// site is the handler built by [Handler]: what it was configured with,
// taken at construction, and what it serves, built on first use.
type site struct {
	rd           *errorsx.Renderer
	cat          *catalog.Catalog
	base         string
	title        string
	modTime      time.Time
	lastModified []string
	// pages renders every page on the first request for one (or for a
	// name that might be one), and openapi the OpenAPI document on the
	// first request for it. Each is built once; concurrent first requests
	// wait for the same build.
	pages   func() *pageSet
	openapi func() *resource
}

// newSite returns the site for rd at base, titled title, whose responses
// were last modified at now. It builds nothing.
func newSite(rd *errorsx.Renderer, base, title string, now time.Time) *site {
	modTime := now.UTC().Truncate(time.Second)
	s := &site{
		rd:           rd,
		cat:          rd.Catalog(),
		base:         base,
		title:        title,
		modTime:      modTime,
		lastModified: []string{modTime.Format(http.TimeFormat)},
	}
	s.pages = sync.OnceValue(s.buildPages)
	s.openapi = sync.OnceValue(s.buildOpenAPI)
	return s
}

// A pageSet is every prepared page of a site.
type pageSet struct {
	// bySlug maps a slug to its page; "" is not a key, the index is apart.
	bySlug map[string]*page
	index  *page
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

// buildPages renders every entry's page and the index, in both
// representations, with templates parsed for the purpose and dropped
// afterwards: the site keeps only the bytes and their header values.
func (s *site) buildPages() *pageSet {
	out := &pageWriter{tmpl: parseTemplates(), keep: true}
	all := s.cat.Entries()
	set := &pageSet{bySlug: make(map[string]*page, len(all))}
	var client, team, server []catalog.Entry
	for _, e := range all {
		set.bySlug[e.Slug] = s.codePage(out, e)
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
	set.index = &page{html: s.indexHTML(out, client, team, server), json: s.searchJSON(out, "", all)}
	return set
}

// buildOpenAPI prepares the catalog's OpenAPI components.
func (s *site) buildOpenAPI() *resource {
	return newResource("application/json", bytes.Clone(openapi.Document(s.rd, openapi.Options{Title: s.title})))
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
func (s *site) codePage(out *pageWriter, c catalog.Entry) *page {
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
	for _, n := range notesOf(c.Status) {
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
	html := out.html(pageView{
		Site:  s.siteView(),
		Title: title,
		Code:  view,
	})
	return &page{html: html, json: out.json(doc)}
}

// indexHTML renders the index: every 4xx code, the team's types, then
// the documented 5xx.
func (s *site) indexHTML(out *pageWriter, codes, team, server []catalog.Entry) *resource {
	return out.html(pageView{
		Site:  s.siteView(),
		Title: s.title,
		Index: &indexView{Results: codes, Total: len(codes), Team: team, Server: server},
	})
}

// searchHTML renders the index page for query with results, best first;
// an empty query lists every code.
func (s *site) searchHTML(out *pageWriter, query string, results []catalog.Entry) *resource {
	title := s.title
	if query != "" {
		title = "Search: " + query
	}
	return out.html(pageView{
		Site:  s.siteView(),
		Title: title,
		Query: query,
		Index: &indexView{Searched: query != "", Results: results, Total: len(results)},
	})
}

// searchJSON encodes query and results as a [searchDoc].
func (s *site) searchJSON(out *pageWriter, query string, results []catalog.Entry) *resource {
	doc := searchDoc{Query: query, Results: make([]resultDoc, len(results))}
	for i, c := range results {
		doc.Results[i] = resultDoc{Status: c.Status, Title: c.Title, Slug: c.Slug, Summary: c.Summary, Page: s.base + c.Slug, Team: c.Team}
	}
	return out.json(doc)
}

func (s *site) siteView() siteView { return siteView{Title: s.title, Base: s.base} }

// serveIndex answers the index: the prepared full list, or the results of
// the request's search, rendered for this request with the shared search
// templates.
func (s *site) serveIndex(w http.ResponseWriter, r *http.Request) {
	asJSON := wantsJSON(r)
	q := searchQuery(r.URL.RawQuery)
	if q == "" {
		s.serve(w, r, s.pages().index.pick(asJSON))
		return
	}
	results := s.cat.Search(q)
	if asJSON {
		s.serve(w, r, s.searchJSON(&pageWriter{}, q, results))
		return
	}
	s.serve(w, r, s.searchHTML(&pageWriter{tmpl: searchTemplates()}, q, results))
}
