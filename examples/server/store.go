package main

import (
	"slices"
	"strconv"
	"sync"
	"time"
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

// store keeps widgets and their edit locks in memory; it is safe for
// concurrent use.
type store struct {
	mu      sync.RWMutex
	next    int
	widgets map[string]Widget
	locks   map[string]lock
	now     func() time.Time
}

// A lock is a widget's edit lock: who holds it, until when.
type lock struct {
	holder string
	until  time.Time
}

// newStore returns an empty store whose locks expire by now (nil means
// time.Now).
func newStore(now func() time.Time) *store {
	if now == nil {
		now = time.Now
	}
	return &store{widgets: make(map[string]Widget), locks: make(map[string]lock), now: now}
}

// lock gives the widget's lock to holder for ttl, unless another holds it:
// taken is false then, and l is that lock. ok is false for no such widget.
func (s *store) lock(id, holder string, ttl time.Duration) (l lock, taken, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.widgets[id]; !ok {
		return lock{}, false, false
	}
	now := s.now()
	if l, held := s.locks[id]; held && now.Before(l.until) && l.holder != holder {
		return l, false, true
	}
	l = lock{holder: holder, until: now.Add(ttl)}
	s.locks[id] = l
	return l, true, true
}

// heldLock returns the widget's unexpired lock; ok is false for no such
// widget.
func (s *store) heldLock(id string) (l lock, held, ok bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, ok := s.widgets[id]; !ok {
		return lock{}, false, false
	}
	l, held = s.locks[id]
	return l, held && s.now().Before(l.until), true
}

func (s *store) unlock(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.locks, id)
}

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
	delete(s.locks, id)
	return ok
}
