package errorsx

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/textproto"
	"reflect"
	"strconv"
	"strings"

	"github.com/fourxx/fourxx/errorsx/catalog"
)

// OfType returns a problem of the catalog type named by slug, such as a
// team's "out-of-credit" or the standard "conflict", with the given detail;
// add its extension members with [Problem.With]. The renderer fills the
// type (its TypeBase + slug), the title and the status from its catalog
// ([Options].Catalog), and reports (panicking in Strict mode) a slug its
// catalog lacks — sending 500, since the status is unknown —, a status set
// on the problem that differs from the catalog's, and a missing required
// member or a member of another JSON type than documented. Until it is
// written the problem's Status is 0, so errors.Is matches it against a
// status only when the handler sets Status too (the renderer then checks
// that it is the catalog's).
func OfType(slug, detail string) *Problem { return &Problem{Slug: slug, Detail: detail} }

// Catalog returns the catalog the renderer fills typed problems from and
// checks problems against: [Options].Catalog, or [catalog.Standard].
func (rd *Renderer) Catalog() *catalog.Catalog {
	if rd == nil {
		rd = Default()
	}
	return rd.opts.catalog()
}

// catalog returns o.Catalog, or the standard one.
func (o *Options) catalog() *catalog.Catalog {
	if o.Catalog != nil {
		return o.Catalog
	}
	return catalog.Standard()
}

// A typeHead is a statusHead for one catalog type, with what the renderer
// checks a problem of the type against.
type typeHead struct {
	statusHead
	status  int
	members []catalog.Member
}

// prepareTypes builds a typeHead for every entry of the renderer's
// catalog, keyed by slug. Team types need a TypeBase: their type URIs are
// TypeBase + slug, and about:blank would erase them.
func (rd *Renderer) prepareTypes() {
	entries := rd.opts.catalog().Entries()
	rd.types = make(map[string]*typeHead, len(entries))
	for _, e := range entries {
		std := &rd.heads[e.Status-400]
		if !std.valid {
			continue // 418, which is never sent
		}
		h := &typeHead{statusHead: *std, status: e.Status, members: e.Members}
		if e.Team {
			if rd.opts.TypeBase == "" {
				panic("errorsx: TypeBase: empty, but the catalog has team types, whose type URIs are TypeBase + slug")
			}
			h.typ, h.title = rd.opts.TypeBase+e.Slug, e.Title
			h.jsonPrefix = appendPrefix(nil, h.typ, h.title, e.Status)
			if e.CacheControl != "" {
				h.cacheControl = []string{e.CacheControl}
			}
			h.required = h.required[:0:0]
			for _, name := range e.RequiredHeaders {
				h.required = append(h.required, textproto.CanonicalMIMEHeaderKey(name))
			}
		}
		rd.types[e.Slug] = h
	}
}

// resolveTyped returns the status and head of a problem that names a
// catalog type by slug: the catalog's status, or 500 for a slug the
// catalog lacks.
func (rd *Renderer) resolveTyped(p *Problem) (int, *statusHead) {
	h := rd.types[p.Slug]
	if h == nil {
		rd.reportType(context.Background(), "fourxx: problem of type "+strconv.Quote(p.Slug)+" that the catalog does not document; sending 500", p)
		return http.StatusInternalServerError, &rd.heads[http.StatusInternalServerError-400]
	}
	if p.Status != 0 && p.Status != h.status {
		rd.reportType(context.Background(), "fourxx: problem of type "+strconv.Quote(p.Slug)+" with status "+strconv.Itoa(p.Status)+
			"; the catalog documents it with "+strconv.Itoa(h.status)+", which is sent", p)
	}
	return h.status, &h.statusHead
}

// checkType reports a problem of a catalog type — named by slug, or by a
// type URI that is TypeBase + slug — whose status differs from the
// catalog's, that lacks a member the type requires, or whose member has
// another JSON type than documented.
func (rd *Renderer) checkType(r *http.Request, status int, p *Problem) {
	var h *typeHead
	switch slug, ok := strings.CutPrefix(p.Type, rd.opts.TypeBase); {
	case p.Slug != "":
		h = rd.types[p.Slug]
	case ok && rd.opts.TypeBase != "":
		h = rd.types[slug]
		if h != nil && h.status != status {
			rd.reportType(r.Context(), "fourxx: problem of type "+strconv.Quote(slug)+" sent with status "+strconv.Itoa(status)+
				"; the catalog documents it with "+strconv.Itoa(h.status), p)
		}
	}
	if h == nil {
		return
	}
	for _, m := range h.members {
		v, ok := p.Extensions[m.Name]
		switch {
		case !ok && m.Required:
			rd.reportType(r.Context(), "fourxx: "+strconv.Itoa(status)+" problem of type "+strconv.Quote(h.typ)+" written without required member "+m.Name, p)
		case ok && !hasJSONType(v, m.Type):
			rd.reportType(r.Context(), "fourxx: problem member "+m.Name+" is not a JSON "+m.Type+", as the catalog documents it", p)
		}
	}
}

// reportType logs a problem that breaks its catalog entry, or panics in
// Strict mode.
func (rd *Renderer) reportType(ctx context.Context, msg string, p *Problem) {
	if rd.opts.Strict {
		panic(msg)
	}
	rd.logger().LogAttrs(ctx, slog.LevelError, msg, slog.Any("error", p))
}

// hasJSONType reports whether v encodes as a JSON value of type t.
func hasJSONType(v any, t string) bool {
	if raw, ok := v.(json.RawMessage); ok {
		return rawHasJSONType(raw, t)
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	switch k := rv.Kind(); t {
	case "string":
		return k == reflect.String
	case "integer":
		return k >= reflect.Int && k <= reflect.Uintptr
	case "number":
		return k >= reflect.Int && k <= reflect.Float64
	case "boolean":
		return k == reflect.Bool
	case "array":
		return k == reflect.Slice && !rv.IsNil() || k == reflect.Array
	case "object":
		return k == reflect.Map && !rv.IsNil() || k == reflect.Struct
	}
	return false
}

// rawHasJSONType reports whether the JSON text raw is of type t.
func rawHasJSONType(raw json.RawMessage, t string) bool {
	s := strings.TrimLeft(string(raw), " \t\r\n")
	if s == "" {
		return false
	}
	switch t {
	case "string":
		return s[0] == '"'
	case "integer":
		return (s[0] == '-' || s[0] >= '0' && s[0] <= '9') && !strings.ContainsAny(s, ".eE")
	case "number":
		return s[0] == '-' || s[0] >= '0' && s[0] <= '9'
	case "boolean":
		return s[0] == 't' || s[0] == 'f'
	case "array":
		return s[0] == '['
	case "object":
		return s[0] == '{'
	}
	return false
}
