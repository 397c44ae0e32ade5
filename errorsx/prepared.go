package errorsx

import (
	"log/slog"
	"net/http"
	"sync/atomic"
)

// A Prepared is a problem frozen to be written for many requests, such as
// the 429 a rate limiter sends for one Retry-After value. [Prepare] takes a
// private copy of the problem, so later changes to the one it was given do
// not reach it, and nothing can change that copy. [Renderer.Write] sends a
// Prepared exactly as it would send its problem, but encodes the body of
// each format and gathers the header lines only once per renderer instead
// of per request. Bodies that depend on the request — an instance URI from
// Options.Instance, a member that cannot be encoded and is logged as
// dropped, a catalog type — are still built per request.
//
// A Prepared is an error; errors.As finds a *Problem in it, a copy that may
// be refined freely.
type Prepared struct {
	p      *Problem
	header []headerLine // p.Header, without the fields the renderer owns
	cache  atomic.Pointer[preparedRender]
}

type headerLine struct {
	name  string
	value []string // full: an append copies instead of writing into it
}

// preparedRender is what one renderer writes for a Prepared.
type preparedRender struct {
	rd        *Renderer
	cacheable bool
	status    int
	head      *statusHead
	json, xml []byte
}

// Prepare returns p frozen for writing to many requests; see [Prepared]. p
// itself is copied, never kept, and may be changed afterwards.
func Prepare(p *Problem) *Prepared {
	c := p.Clone()
	pp := &Prepared{p: c}
	for k, v := range c.Header {
		if k != "Content-Length" && k != "Content-Encoding" { // the body is the renderer's own
			pp.header = append(pp.header, headerLine{k, v[:len(v):len(v)]})
		}
	}
	return pp
}

// Error describes the problem for logs, as [Problem.Error] does.
func (pp *Prepared) Error() string { return pp.p.Error() }

// Problem returns a copy of the prepared problem that shares no mutable
// memory with it.
func (pp *Prepared) Problem() *Problem { return pp.p.Clone() }

// As sets a **Problem target to a copy of the prepared problem, so that
// errors.As finds one without exposing the frozen problem.
func (pp *Prepared) As(target any) bool {
	t, ok := target.(**Problem)
	if ok {
		*t = pp.Problem()
	}
	return ok
}

// Unwrap returns the prepared problem's cause, or nil.
func (pp *Prepared) Unwrap() error { return pp.p.Unwrap() }

// rendered returns what rd writes for pp, preparing it on first use.
func (rd *Renderer) rendered(pp *Prepared) *preparedRender {
	if c := pp.cache.Load(); c != nil && c.rd == rd {
		return c
	}
	c := &preparedRender{rd: rd}
	if c.cacheable = rd.fixedBody(pp.p); c.cacheable {
		c.status, c.head = pp.p.Status, &rd.heads[pp.p.Status-400]
		// No request is read when the body is fixed (see fixedBody).
		r := &http.Request{}
		c.json = rd.appendJSON(nil, r, c.status, c.head, pp.p)
		c.xml = rd.appendXML(nil, r, c.status, c.head, pp.p)
	}
	pp.cache.Store(c)
	return c
}

// fixedBody reports whether rd writes the same bodies of p for every
// request, without logging: a registered status, no instance URI taken
// from the request, no catalog type, and only members that are always
// encoded.
func (rd *Renderer) fixedBody(p *Problem) bool {
	if p.Slug != "" || (p.Instance == "" && rd.opts.Instance != nil) || p.Status < 400 || p.Status >= 600 || !rd.heads[p.Status-400].valid {
		return false
	}
	for i := range p.Errors {
		if p.Errors[i].Value != nil {
			return false
		}
	}
	for name, v := range p.Extensions {
		if reservedMembers[name] {
			return false
		}
		switch v.(type) {
		case string, []string, int, int64, bool:
		default:
			return false
		}
	}
	return true
}

// writePrepared is [Renderer.Write] for a Prepared whose bodies rd has
// encoded.
func (rd *Renderer) writePrepared(w http.ResponseWriter, r *http.Request, pp *Prepared, c *preparedRender) {
	p, status, head := pp.p, c.status, c.head
	if responseStarted(w) {
		rd.logProblem(r, slog.LevelError, "fourxx: response already started; problem not written, connection aborted", status, p)
		panic(http.ErrAbortHandler)
	}
	h := w.Header()
	dropStale(h)
	fresh := len(h) == 0 && len(pp.header) == 0
	for _, line := range pp.header {
		h[line.name] = line.value
	}
	f := rd.finishHeaders(h, r, status, head, p, fresh)
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		body := c.json
		if f == formatProblemXML {
			body = c.xml
		}
		_, _ = w.Write(body)
	}
	rd.written(r, status, head, p)
}
