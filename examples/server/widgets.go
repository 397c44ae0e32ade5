package main

import (
	"encoding/json"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/middleware/validate"
)

// widgetAPI holds the /v1/widgets handlers. They return errors; the
// renderer turns them into problems.
type widgetAPI struct {
	store     *store
	validator *validate.Validator
}

// listParams are the query parameters of GET /v1/widgets.
type listParams struct {
	Limit *int `query:"limit" validate:"omitempty,min=1,max=100"`
}

const defaultLimit = 20

func (a *widgetAPI) list(w http.ResponseWriter, r *http.Request) error {
	params, err := validate.QueryWith[listParams](a.validator, r)
	if err != nil {
		return err
	}
	limit := defaultLimit
	if params.Limit != nil {
		limit = *params.Limit
	}
	return writeJSON(w, http.StatusOK, map[string]any{"widgets": a.store.list(limit)})
}

func (a *widgetAPI) create(w http.ResponseWriter, r *http.Request) error {
	created := a.store.create(validate.Value[WidgetInput](r))
	w.Header().Set("Location", "/v1/widgets/"+created.ID)
	return writeJSON(w, http.StatusCreated, created)
}

func (a *widgetAPI) get(w http.ResponseWriter, r *http.Request) error {
	found, ok := a.store.get(chi.URLParam(r, "id"))
	if !ok {
		return widgetNotFound(r)
	}
	return writeJSON(w, http.StatusOK, found)
}

func (a *widgetAPI) replace(w http.ResponseWriter, r *http.Request) error {
	if err := a.checkLock(r); err != nil {
		return err
	}
	replaced, ok := a.store.replace(chi.URLParam(r, "id"), validate.Value[WidgetInput](r))
	if !ok {
		return widgetNotFound(r)
	}
	return writeJSON(w, http.StatusOK, replaced)
}

func (a *widgetAPI) delete(w http.ResponseWriter, r *http.Request) error {
	if err := a.checkLock(r); err != nil {
		return err
	}
	if !a.store.delete(chi.URLParam(r, "id")) {
		return widgetNotFound(r)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func widgetNotFound(r *http.Request) error {
	return errorsx.NotFound("No widget with id " + jsonQuote(chi.URLParam(r, "id")) + " exists; list them with GET /v1/widgets.")
}

// jsonQuote quotes an id for a detail sentence, escaping what a client sent.
func jsonQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}
