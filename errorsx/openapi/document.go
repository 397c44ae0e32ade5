package openapi

import (
	"encoding/json"
	"strconv"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
)

// Options configure [Document]. The zero value is usable.
type Options struct {
	// Title is the document's info.title. Empty means "Problem types".
	Title string
	// Version is the document's info.version. Empty means "1.0.0".
	Version string
}

// problemMedia is the media type of every response body the renderer
// writes by default.
const problemMedia = "application/problem+json"

// Document returns, as indented JSON, an OpenAPI 3.1 document holding the
// components of every entry of rd's catalog: the problem schemas, a
// response per documented status and team type, and the header fields
// they carry. Type URIs are rd's TypeBase + slug (about:blank for the
// standard entries of a renderer without a TypeBase). The output is
// deterministic: the same catalog and options give the same bytes.
func Document(rd *errorsx.Renderer, opts Options) []byte {
	if opts.Title == "" {
		opts.Title = "Problem types"
	}
	if opts.Version == "" {
		opts.Version = "1.0.0"
	}
	g := generator{base: rd.TypeBase()}
	doc := obj{
		"openapi": "3.1.0",
		"info": obj{
			"title":   opts.Title,
			"version": opts.Version,
			"description": "Problem details (RFC 9457) this API sends, generated from its problem-type catalog. " +
				"Merge the components into the API's specification and reference the responses from its operations.",
		},
		"components": g.components(rd.Catalog().Entries()),
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic("openapi: " + err.Error()) // only maps, strings, numbers and member examples
	}
	return append(b, '\n')
}

// obj is a JSON object; encoding/json writes its keys sorted, which makes
// the document deterministic.
type obj = map[string]any

type generator struct{ base string }

func (g *generator) components(entries []catalog.Entry) obj {
	schemas := obj{
		"Problem":           problemSchema(),
		"FieldError":        fieldErrorSchema(),
		"ValidationProblem": extend("A 422 problem listing every invalid field.", obj{"errors": obj{"type": "array", "items": ref("schemas", "FieldError"), "description": "The invalid fields, at most a bounded number."}}, nil),
		"RateLimitProblem":  extend("A 429 problem naming the rate-limit policies the request exceeded.", obj{"violated_policies": obj{"type": "array", "items": obj{"type": "string"}, "description": "The names of the exceeded policies, as in the RateLimit field."}}, nil),
	}
	responses := obj{}
	headers := obj{}
	for _, e := range entries {
		if e.Unused {
			continue
		}
		schema := "Problem"
		switch {
		case e.Team:
			schema = e.Slug
			schemas[schema] = g.teamSchema(e)
		case e.Status == 422:
			schema = "ValidationProblem"
		case e.Status == 429:
			schema = "RateLimitProblem"
		}
		responses[e.Slug] = g.response(e, schema, headers)
	}
	return obj{"schemas": schemas, "responses": responses, "headers": headers}
}

// response is the Response Object of e: its description, the header
// fields its status requires or recommends, and the problem+json content.
func (g *generator) response(e catalog.Entry, schema string, headers obj) obj {
	hs := obj{}
	for _, name := range e.RequiredHeaders {
		hs[name] = g.header(e, name, true, headers)
	}
	for _, name := range e.RecommendedHeaders {
		if _, ok := hs[name]; !ok {
			hs[name] = g.header(e, name, false, headers)
		}
	}
	if e.Status == 429 { // the limiter sends both on every limited response
		for _, name := range []string{"RateLimit", "RateLimit-Policy"} {
			hs[name] = g.header(e, name, false, headers)
		}
	}
	r := obj{
		"description": strconv.Itoa(e.Status) + " " + e.Title + ": " + e.Summary,
		"content":     obj{problemMedia: obj{"schema": ref("schemas", schema)}},
	}
	if len(hs) > 0 {
		r["headers"] = hs
	}
	return r
}

// header returns a reference to the Header Object of name, adding it to
// headers; a required field gets its own object, since OpenAPI puts
// "required" in the Header Object.
func (g *generator) header(e catalog.Entry, name string, required bool, headers obj) obj {
	key := name
	if required {
		key = name + "-required"
	}
	if _, ok := headers[key]; !ok {
		description, schema := headerDoc(name)
		headers[key] = obj{"description": description, "required": required, "schema": schema}
	}
	return ref("headers", key)
}

// headerDoc describes a header field the suite's responses carry.
func headerDoc(name string) (description string, schema obj) {
	str := obj{"type": "string"}
	switch name {
	case "WWW-Authenticate":
		return "One challenge per field line: the scheme and its parameters (RFC 9110 §11.6.1); for Bearer, error and error_description (RFC 6750 §3).", str
	case "Proxy-Authenticate":
		return "The challenge of the proxy between client and server (RFC 9110 §11.7.1).", str
	case "Allow":
		return "The methods the resource supports, comma-separated (RFC 9110 §10.2.1); empty when it supports none.", str
	case "Retry-After":
		return "Whole seconds, at least 1, to wait before retrying (RFC 9110 §10.2.3).", obj{"type": "integer", "minimum": 1}
	case "RateLimit":
		return "The remaining quota and the seconds until it is restored, per policy (draft-ietf-httpapi-ratelimit-headers), e.g. \"default\";r=0;t=30.", str
	case "RateLimit-Policy":
		return "The quota policies that apply, e.g. \"default\";q=100;w=60 (draft-ietf-httpapi-ratelimit-headers).", str
	case "Upgrade":
		return "The protocols the server would switch to (RFC 9110 §7.8).", str
	case "Content-Range":
		return "The current length of the representation, as bytes */length (RFC 9110 §14.4).", str
	case "Accept":
		return "The media types the resource accepts in requests (RFC 9110 §12.5.1).", str
	case "Link":
		return "A link with relation blocked-by naming who implements the block (RFC 7725 §4).", str
	}
	return "The " + name + " field of the response.", str
}

// problemSchema is the RFC 9457 problem details object (its Appendix A).
func problemSchema() obj {
	return obj{
		"type":        "object",
		"description": "A problem details document (RFC 9457).",
		"properties": obj{
			"type":     obj{"type": "string", "format": "uri-reference", "default": "about:blank", "description": "Identifies the problem type; dereference it for documentation."},
			"title":    obj{"type": "string", "description": "A short summary of the problem type."},
			"status":   obj{"type": "integer", "minimum": 400, "maximum": 599, "description": "The HTTP status code, equal to the response's."},
			"detail":   obj{"type": "string", "description": "What went wrong with this request, and what to do about it."},
			"instance": obj{"type": "string", "format": "uri-reference", "description": "Identifies this occurrence."},
		},
		"required": []string{"type", "title", "status"},
	}
}

// fieldErrorSchema is one entry of a 422's errors list.
func fieldErrorSchema() obj {
	return obj{
		"type":        "object",
		"description": "One invalid field: where it is (pointer for the body, parameter for the query, header for a header field) and the rule it breaks.",
		"properties": obj{
			"detail":    obj{"type": "string"},
			"pointer":   obj{"type": "string", "description": "A JSON Pointer (RFC 6901) into the request body, written as a URI fragment, e.g. #/items/3/name."},
			"parameter": obj{"type": "string", "description": "The name of the query parameter."},
			"header":    obj{"type": "string", "description": "The name of the header field."},
			"code":      obj{"type": "string", "description": "The rule the value breaks, e.g. required or max."},
		},
		"required": []string{"detail"},
	}
}

// teamSchema is the schema of a team type: a Problem whose type, title
// and status are fixed, with the type's extension members.
func (g *generator) teamSchema(e catalog.Entry) obj {
	props := obj{
		"type":   obj{"const": g.base + e.Slug},
		"title":  obj{"const": e.Title},
		"status": obj{"const": e.Status},
	}
	var required []string
	for _, m := range e.Members {
		p := obj{"type": m.Type, "description": m.Description}
		if m.Type == "array" {
			p["items"] = obj{"type": m.Items}
		}
		if m.Example != nil {
			p["examples"] = []any{m.Example}
		}
		props[m.Name] = p
		if m.Required {
			required = append(required, m.Name)
		}
	}
	return extend(e.Title+": "+e.Summary, props, required)
}

// extend returns a schema that is a Problem with more properties.
func extend(description string, props obj, required []string) obj {
	own := obj{"type": "object", "properties": props}
	if len(required) > 0 {
		own["required"] = required
	}
	return obj{"description": description, "allOf": []any{ref("schemas", "Problem"), own}}
}

func ref(kind, name string) obj { return obj{"$ref": "#/components/" + kind + "/" + name} }
