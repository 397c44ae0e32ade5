package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// This file is the API as it was before fourxx: plain net/http on a Go 1.22
// ServeMux, errors written with http.Error or a bare WriteHeader, as most
// existing code does. Nothing in it knows about fourxx; app.go wraps it.

const (
	maxNoteBody = 1 << 10 // bytes of JSON accepted by POST /notes
	maxNoteText = 280     // characters of text in a note
)

// note is one stored note.
type note struct {
	ID     int    `json:"id"`
	Text   string `json:"text"`
	Locked bool   `json:"locked"`
}

// notes keeps notes in memory; it is safe for concurrent use.
type notes struct {
	mu   sync.Mutex
	last int
	byID map[int]note
}

// newLegacyMux returns the legacy notes API with one locked welcome note.
func newLegacyMux() *http.ServeMux {
	n := &notes{last: 1, byID: map[int]note{1: {ID: 1, Text: "Welcome. This note is locked.", Locked: true}}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /notes", n.list)
	mux.HandleFunc("POST /notes", n.create)
	mux.HandleFunc("GET /notes/{id}", n.get)
	mux.HandleFunc("DELETE /notes/{id}", n.delete)
	mux.HandleFunc("PUT /notes/{id}/lock", n.lock)
	mux.HandleFunc("GET /search", search)
	mux.HandleFunc("GET /v0/notes", retired)
	mux.HandleFunc("GET /coffee", coffee)
	mux.HandleFunc("GET /export", export)
	mux.HandleFunc("GET /admin", admin)
	mux.HandleFunc("GET /crash", crash)
	return mux
}

func (n *notes) list(w http.ResponseWriter, r *http.Request) {
	n.mu.Lock()
	out := make([]note, 0, len(n.byID))
	for _, nt := range n.byID {
		out = append(out, nt)
	}
	n.mu.Unlock()
	slices.SortFunc(out, func(a, b note) int { return a.ID - b.ID })
	writeJSON(w, http.StatusOK, out)
}

func (n *notes) create(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		w.Header().Set("Accept", "application/json")
		http.Error(w, "send the note as application/json", http.StatusUnsupportedMediaType)
		return
	}
	var in struct {
		Text string `json:"text"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxNoteBody)).Decode(&in); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "bad json: "+err.Error(), http.StatusBadRequest)
		return
	}
	text := strings.TrimSpace(in.Text)
	if text == "" {
		http.Error(w, "text is required", http.StatusUnprocessableEntity)
		return
	}
	if len([]rune(text)) > maxNoteText {
		http.Error(w, "text is longer than 280 characters", http.StatusUnprocessableEntity)
		return
	}
	n.mu.Lock()
	n.last++
	nt := note{ID: n.last, Text: text}
	n.byID[nt.ID] = nt
	n.mu.Unlock()
	w.Header().Set("Location", "/notes/"+strconv.Itoa(nt.ID))
	writeJSON(w, http.StatusCreated, nt)
}

func (n *notes) get(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		http.Error(w, "note id must be a number", http.StatusBadRequest)
		return
	}
	n.mu.Lock()
	nt, ok := n.byID[id]
	n.mu.Unlock()
	if !ok {
		http.Error(w, "note not found", http.StatusNotFound)
		return
	}
	writeJSON(w, http.StatusOK, nt)
}

func (n *notes) delete(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.Atoi(r.PathValue("id"))
	n.mu.Lock()
	defer n.mu.Unlock()
	nt, ok := n.byID[id]
	switch {
	case !ok:
		http.Error(w, "not found", http.StatusNotFound)
	case nt.Locked:
		http.Error(w, "forbidden", http.StatusForbidden)
	default:
		delete(n.byID, id)
		w.WriteHeader(http.StatusNoContent)
	}
}

// lock locks a note; locking a locked note is a conflict, answered the
// terse legacy way: a status and no body.
func (n *notes) lock(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.Atoi(r.PathValue("id"))
	n.mu.Lock()
	defer n.mu.Unlock()
	nt, ok := n.byID[id]
	switch {
	case !ok:
		w.WriteHeader(404)
	case nt.Locked:
		w.WriteHeader(409)
	default:
		nt.Locked = true
		n.byID[id] = nt
		w.WriteHeader(http.StatusNoContent)
	}
}

// search is not written yet; without a query it explains its parameters
// at length, in plain text.
func search(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("q") == "" {
		http.Error(w, "search needs a query: q is the text to look for (at least 3 characters); "+
			"add limit=N for at most N results (1 to 100, default 20) and after=ID to page through the results in id order; "+
			"quotes match a phrase and a leading minus excludes a word", http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusOK, []note{})
}

// retired is the first version of the API, gone for good, answered with
// the HTML page a browser once showed, through http.Error.
func retired(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "<html><body><h1>Gone</h1><p>API v0 was retired; use /notes.</p></body></html>", http.StatusGone)
}

// coffee is an old joke left in the code.
func coffee(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "notes cannot brew coffee", http.StatusTeapot)
}

// export fails the way legacy code does: internals in a 500's text.
func export(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "export: open /var/lib/notes/export.csv: permission denied", http.StatusInternalServerError)
}

// admin refuses everyone, with a 401 but no WWW-Authenticate.
func admin(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "admin only", http.StatusUnauthorized)
}

// crash fails the way legacy code does: a panic whose message holds
// internals no client should see.
func crash(w http.ResponseWriter, r *http.Request) {
	panic("notes: dial tcp 10.0.0.7:5432: connection refused (user=notes_admin)")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
