package main

import (
	"slices"
	"strconv"
	"sync"
)

// WidgetInput is the body of POST /v1/widgets and PUT /v1/widgets/{id}.
type WidgetInput struct {
	Name     string   `json:"name" validate:"required,min=1,max=64"`
	Color    string   `json:"color" validate:"required,oneof=red green blue"`
	Quantity int      `json:"quantity" validate:"required,min=1,max=1000"`
	Tags     []string `json:"tags,omitempty" validate:"omitempty,max=5,dive,min=1,max=16"`
	Owner    *Owner   `json:"owner,omitempty"`
}

// Owner is a widget's optional owner.
type Owner struct {
	Email string `json:"email" validate:"required,email"`
}

// Widget is a stored widget.
type Widget struct {
	ID string `json:"id"`
	WidgetInput
}

// store keeps widgets in memory; it is safe for concurrent use.
type store struct {
	mu      sync.RWMutex
	next    int
	widgets map[string]Widget
}

func newStore() *store { return &store{widgets: make(map[string]Widget)} }

func (s *store) list(limit int) []Widget {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Widget, 0, min(limit, len(s.widgets)))
	for _, w := range s.widgets {
		out = append(out, w)
	}
	slices.SortFunc(out, func(a, b Widget) int {
		ai, _ := strconv.Atoi(a.ID)
		bi, _ := strconv.Atoi(b.ID)
		return ai - bi
	})
	return out[:min(limit, len(out))]
}

func (s *store) get(id string) (Widget, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	w, ok := s.widgets[id]
	return w, ok
}

func (s *store) create(in WidgetInput) Widget {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	w := Widget{ID: strconv.Itoa(s.next), WidgetInput: in}
	s.widgets[w.ID] = w
	return w
}

// replace stores in under id and reports whether the widget existed.
func (s *store) replace(id string, in WidgetInput) (Widget, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.widgets[id]; !ok {
		return Widget{}, false
	}
	w := Widget{ID: id, WidgetInput: in}
	s.widgets[id] = w
	return w, true
}

func (s *store) delete(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.widgets[id]
	delete(s.widgets, id)
	return ok
}
