package logtest

import (
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// secret is a slog.LogValuer; the Recorder must see what it resolves to.
type secret string

func (s secret) LogValue() slog.Value { return slog.StringValue("resolved:" + string(s)) }

func TestRecorderKeepsEverything(t *testing.T) {
	tests := []struct {
		name string
		log  func(*slog.Logger)
		want string
	}{
		{"every level, debug included", func(l *slog.Logger) { l.Debug("d", "k", 1) }, "DEBUG d k=1"},
		{"record attributes", func(l *slog.Logger) { l.Error("e", "err", errors.New("boom"), "n", 2) }, "ERROR e err=boom n=2"},
		{"logger attributes first", func(l *slog.Logger) { l.With("a", "x").Info("m", "b", "y") }, "INFO m a=x b=y"},
		{"groups prefix keys", func(l *slog.Logger) { l.WithGroup("req").With("m", "GET").WithGroup("h").Info("m", "auth", "v") }, "INFO m req.m=GET req.h.auth=v"},
		{"group values flatten", func(l *slog.Logger) { l.Info("m", slog.Group("g", "a", 1, slog.Group("", "b", 2))) }, "INFO m g.a=1 g.b=2"},
		{"LogValuer resolved", func(l *slog.Logger) { l.Warn("m", "s", secret("x")) }, "WARN m s=resolved:x"},
		{"values unquoted", func(l *slog.Logger) { l.Info("m", "v", `a "b" c`) }, `INFO m v=a "b" c`},
		{"empty attributes dropped, empty group name ignored", func(l *slog.Logger) { l.WithGroup("").Info("m", slog.Attr{}, "k", "v") }, "INFO m k=v"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := NewRecorder()
			tt.log(slog.New(rec))
			got := rec.Records()
			if len(got) != 1 || got[0].String() != tt.want {
				t.Fatalf("records %q, want one: %q", got, tt.want)
			}
		})
	}
}

func TestRecorderDerivedLoggersShareRecords(t *testing.T) {
	rec := NewRecorder()
	base := slog.New(rec)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			base.With("i", i).WithGroup("g").Info("line", "n", i)
		}()
	}
	wg.Wait()
	base.Info("last")
	got := rec.Records()
	if len(got) != 9 || got[8].Message != "last" {
		t.Fatalf("%d records, want 9 ending with last: %v", len(got), got)
	}
	for _, r := range got[:8] {
		if !strings.HasPrefix(r.String(), "INFO line i=") || !strings.Contains(r.String(), " g.n=") {
			t.Errorf("record %q", r)
		}
	}
}

func TestRecorderRecordsIsACopy(t *testing.T) {
	rec := NewRecorder()
	slog.New(rec).Info("one", "k", "v")
	got := rec.Records()
	got[0].Attrs[0] = slog.String("k", "changed")
	if s := rec.Records()[0].String(); s != "INFO one k=v" {
		t.Fatalf("record changed through a copy: %q", s)
	}
}

func TestRecorderAsLogLogger(t *testing.T) {
	rec := NewRecorder()
	slog.NewLogLogger(rec, slog.LevelError).Printf("http: TLS handshake error from %s", "127.0.0.1:1")
	if got := rec.Records(); len(got) != 1 || got[0].String() != "ERROR http: TLS handshake error from 127.0.0.1:1" {
		t.Fatalf("%v", got)
	}
}
