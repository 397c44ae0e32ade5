package main

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/fourxx/fourxx/auth"
	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
)

// lockTTL is how long an edit lock on a widget lasts.
const lockTTL = 5 * time.Minute

// demoCatalog documents the demo's own problem types beside the standard
// codes. The renderer fills their type, title and status; the reference
// site gives each a page, and openapi.json a schema and a response.
func demoCatalog() *catalog.Catalog {
	return catalog.New(
		catalog.Entry{
			Slug: "widget-locked", Status: http.StatusConflict, Title: "Widget locked",
			Summary: "Another client holds the widget's edit lock; retry once it is released or expires.",
			Meaning: "The widget is locked for editing by another identity, which took the lock with POST /v1/widgets/{id}/lock. " +
				"Changing or deleting the widget, or taking or releasing its lock, is refused until the holder releases it or it expires.",
			Causes: []string{
				"Another user is editing the widget",
				"A client of yours took the lock and crashed before releasing it",
			},
			Fixes: []string{
				"Wait expires_in seconds, or ask the holder to release the lock",
				"Fetch the widget again after the lock is gone, then apply the change to the current state",
			},
			Keywords: []string{"locked", "edit lock", "lock holder", "someone else is editing"},
			Members: []catalog.Member{
				{Name: "holder", Type: "string", Required: true, Example: "writer", Description: "The identity that holds the lock."},
				{Name: "expires_in", Type: "integer", Required: true, Example: 300, Description: "Seconds until the lock expires."},
			},
		},
		catalog.Entry{
			Slug: "widget-not-locked", Status: http.StatusConflict, Title: "Widget not locked",
			Summary: "The widget has no edit lock to release.",
			Meaning: "DELETE /v1/widgets/{id}/lock releases a lock the caller holds; this widget has none, because it was never locked, " +
				"was released already, or the lock expired.",
			Causes: []string{"The lock expired before it was released", "The lock was released twice"},
			Fixes:  []string{"Nothing to undo: take the lock again with POST /v1/widgets/{id}/lock if you still need it"},
			Members: []catalog.Member{
				{Name: "widget", Type: "string", Required: true, Example: "/v1/widgets/1", Description: "The path of the widget."},
			},
		},
	)
}

// widgetLocked is the problem for a widget whose lock another identity
// holds.
func widgetLocked(id string, l lock, now time.Time) *errorsx.Problem {
	return errorsx.OfType("widget-locked", "Widget "+jsonQuote(id)+" is locked by "+jsonQuote(l.holder)+"; retry once the lock is released or expires.").
		With("holder", l.holder).
		With("expires_in", int(errorsx.DelaySeconds(l.until.Sub(now))))
}

// subject names the caller, "" for anonymous.
func subject(r *http.Request) string {
	if id, ok := auth.FromContext(r.Context()); ok {
		return id.Subject
	}
	return ""
}

// lock takes the widget's edit lock for the caller: 200 with the lock, or
// 409 widget-locked while another identity holds it.
func (a *widgetAPI) lock(w http.ResponseWriter, r *http.Request) error {
	id := chi.URLParam(r, "id")
	l, taken, ok := a.store.lock(id, subject(r), lockTTL)
	switch {
	case !ok:
		return widgetNotFound(r)
	case !taken:
		return widgetLocked(id, l, a.store.now())
	}
	return writeJSON(w, http.StatusOK, map[string]any{"widget": "/v1/widgets/" + id, "holder": l.holder, "expires_in": int(lockTTL / time.Second)})
}

// unlock releases the caller's lock: 204, 409 widget-locked when another
// identity holds it, 409 widget-not-locked when there is none.
func (a *widgetAPI) unlock(w http.ResponseWriter, r *http.Request) error {
	id := chi.URLParam(r, "id")
	l, held, ok := a.store.heldLock(id)
	switch {
	case !ok:
		return widgetNotFound(r)
	case !held:
		return errorsx.OfType("widget-not-locked", "Widget "+jsonQuote(id)+" has no edit lock to release.").With("widget", "/v1/widgets/"+id)
	case l.holder != subject(r):
		return widgetLocked(id, l, a.store.now())
	}
	a.store.unlock(id)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// checkLock refuses a change to a widget another identity holds the lock
// of.
func (a *widgetAPI) checkLock(r *http.Request) error {
	id := chi.URLParam(r, "id")
	if l, held, _ := a.store.heldLock(id); held && l.holder != subject(r) {
		return widgetLocked(id, l, a.store.now())
	}
	return nil
}
