package logtest

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"
)

// A Recorder is a [slog.Handler] that keeps every record it is given, at
// every level, with the attributes and groups of the logger it came
// through, so that a test can inspect all of what a program logged — not
// just what a text or JSON handler would print. Loggers derived with With
// and WithGroup share their Recorder's records. A Recorder is safe for
// concurrent use; the zero value is not usable: call [NewRecorder].
type Recorder struct {
	log    *records
	attrs  []slog.Attr // from WithAttrs, already qualified by groups
	groups []string    // from WithGroup
}

type records struct {
	mu   sync.Mutex
	list []Record
}

// A Record is one logged record: its level, message and every attribute,
// flattened and resolved.
type Record struct {
	Level   slog.Level
	Message string
	// Attrs are the logger's attributes followed by the record's. A group
	// is flattened into its members, whose keys are prefixed with the
	// group names and a dot ("req.method"); a [slog.LogValuer] is
	// resolved; empty attributes are dropped, as slog's handlers do.
	Attrs []slog.Attr
}

// String formats r on one line as LEVEL, message and key=value pairs,
// values as [slog.Value.String] gives them, unquoted and unescaped, so that
// a search for a secret's exact bytes finds it wherever it was logged.
func (r Record) String() string {
	var b strings.Builder
	b.WriteString(r.Level.String())
	b.WriteByte(' ')
	b.WriteString(r.Message)
	for _, a := range r.Attrs {
		b.WriteByte(' ')
		b.WriteString(a.Key)
		b.WriteByte('=')
		b.WriteString(a.Value.String())
	}
	return b.String()
}

// NewRecorder returns a Recorder with no records.
func NewRecorder() *Recorder { return &Recorder{log: &records{}} }

// Enabled reports true for every level: nothing is filtered.
func (h *Recorder) Enabled(context.Context, slog.Level) bool { return true }

// Handle keeps r.
func (h *Recorder) Handle(_ context.Context, r slog.Record) error {
	rec := Record{Level: r.Level, Message: r.Message, Attrs: slices.Clone(h.attrs)}
	prefix := groupPrefix(h.groups)
	r.Attrs(func(a slog.Attr) bool {
		rec.Attrs = appendFlat(rec.Attrs, prefix, a)
		return true
	})
	h.log.mu.Lock()
	defer h.log.mu.Unlock()
	h.log.list = append(h.log.list, rec)
	return nil
}

// WithAttrs returns a Recorder sharing h's records whose records carry attrs.
func (h *Recorder) WithAttrs(attrs []slog.Attr) slog.Handler {
	out := *h
	out.attrs = slices.Clone(h.attrs)
	prefix := groupPrefix(h.groups)
	for _, a := range attrs {
		out.attrs = appendFlat(out.attrs, prefix, a)
	}
	return &out
}

// WithGroup returns a Recorder sharing h's records that qualifies later
// attributes with name. An empty name changes nothing, as slog specifies.
func (h *Recorder) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	out := *h
	out.groups = append(slices.Clip(h.groups), name)
	return &out
}

// Records returns a copy of every record kept so far, in the order handled.
func (h *Recorder) Records() []Record {
	h.log.mu.Lock()
	defer h.log.mu.Unlock()
	out := slices.Clone(h.log.list)
	for i := range out {
		out[i].Attrs = slices.Clone(out[i].Attrs)
	}
	return out
}

// String returns every record kept so far, one per line (Record.String),
// values unquoted and unescaped, so a search finds a secret's exact bytes.
func (h *Recorder) String() string {
	var b strings.Builder
	for _, r := range h.Records() {
		b.WriteString(r.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func groupPrefix(groups []string) string {
	if len(groups) == 0 {
		return ""
	}
	return strings.Join(groups, ".") + "."
}

// appendFlat appends a, resolved, to dst; a group's members are appended
// one by one under the group's key (inlined when the key is empty).
func appendFlat(dst []slog.Attr, prefix string, a slog.Attr) []slog.Attr {
	a.Value = a.Value.Resolve()
	if a.Equal(slog.Attr{}) {
		return dst
	}
	if a.Value.Kind() != slog.KindGroup {
		return append(dst, slog.Attr{Key: prefix + a.Key, Value: a.Value})
	}
	if a.Key != "" {
		prefix += a.Key + "."
	}
	for _, m := range a.Value.Group() {
		dst = appendFlat(dst, prefix, m)
	}
	return dst
}
