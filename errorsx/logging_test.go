package errorsx_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// A status the client caused is not an error of the server: 4xx, the 501
// of an unknown method, and a 5xx whose cause is the client cancelling its
// request are logged at Debug; server failures at Error.
func TestClientCausedProblemsAreLoggedBelowError(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name  string
		req   *http.Request
		err   error
		level string
	}{
		{"404", httptest.NewRequest("GET", "/", nil), errorsx.NotFound("no widget"), "DEBUG"},
		{"429", httptest.NewRequest("GET", "/", nil), errorsx.TooManyRequests(time.Second, "slow down"), "DEBUG"},
		{"501 unknown method", httptest.NewRequest("BREW", "/", nil), errorsx.NotImplemented("BREW"), "DEBUG"},
		{"500 after the client cancelled", httptest.NewRequestWithContext(cancelled, "GET", "/", nil), fmt.Errorf("query: %w", context.Canceled), "DEBUG"},
		{"500", httptest.NewRequest("GET", "/", nil), errors.New("db down"), "ERROR"},
		{"500 with Canceled but the client still there", httptest.NewRequest("GET", "/", nil), context.Canceled, "ERROR"},
		{"503", httptest.NewRequest("GET", "/", nil), errorsx.ServiceUnavailable(time.Second, errors.New("redis down")), "ERROR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logger, logs := logBuffer()
			errorsx.NewRenderer(errorsx.Options{Logger: logger}).Write(httptest.NewRecorder(), tt.req, tt.err)
			if lines := strings.Count(logs.String(), "\n"); lines != 1 || !strings.Contains(logs.String(), "level="+tt.level) {
				t.Errorf("%d lines, want 1 at %s: %s", lines, tt.level, logs)
			}
		})
	}
}

// Repeated identical server errors are logged once per interval; the next
// line says how many were left out. Different errors are each logged.
func TestRepeatedServerErrorsAreRateLimited(t *testing.T) {
	logger, logs := logBuffer()
	rd := errorsx.NewRenderer(errorsx.Options{Logger: logger, LogEvery: time.Second})
	now := time.Unix(1_700_000_000, 0)
	errorsx.SetLogClock(rd, func() time.Time { return now })
	write := func(cause string) {
		rd.Write(httptest.NewRecorder(), httptest.NewRequest("GET", "/v1/widgets/7", nil), errors.New(cause))
	}

	for range 100 {
		write("dial tcp 10.0.0.7:5432: connection refused")
	}
	write("widget store: schema mismatch")
	if got := strings.Count(logs.String(), "level=ERROR"); got != 2 {
		t.Fatalf("%d ERROR lines for 100 identical errors and 1 other, want 2:\n%s", got, logs)
	}
	logs.Reset()

	now = now.Add(999 * time.Millisecond)
	write("dial tcp 10.0.0.7:5432: connection refused")
	if logs.Len() != 0 {
		t.Fatalf("logged within the interval: %s", logs)
	}
	now = now.Add(time.Millisecond)
	write("dial tcp 10.0.0.7:5432: connection refused")
	if !strings.Contains(logs.String(), "suppressed=100") || strings.Count(logs.String(), "\n") != 1 {
		t.Errorf("want one line saying suppressed=100, got %s", logs)
	}
	logs.Reset()
	now = now.Add(time.Second)
	write("dial tcp 10.0.0.7:5432: connection refused")
	if strings.Contains(logs.String(), "suppressed") || strings.Count(logs.String(), "\n") != 1 {
		t.Errorf("want one line without suppressed, got %s", logs)
	}
}

// A flood of distinct server errors (a cause that carries request data)
// cannot grow the limiter without bound or bypass it: past its memory, new
// lines share one entry per message and status.
func TestRateLimitedLogIsBounded(t *testing.T) {
	logger, logs := logBuffer()
	rd := errorsx.NewRenderer(errorsx.Options{Logger: logger})
	now := time.Unix(1_700_000_000, 0)
	errorsx.SetLogClock(rd, func() time.Time { return now })
	const distinct = 5000
	for i := range distinct {
		rd.Write(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), fmt.Errorf("bad id %d", i))
	}
	got := strings.Count(logs.String(), "level=ERROR")
	if got >= distinct || got > 1100 {
		t.Errorf("%d ERROR lines for %d distinct errors in one interval", got, distinct)
	}
}

func TestLogEveryNegativeLogsEveryLine(t *testing.T) {
	logger, logs := logBuffer()
	rd := errorsx.NewRenderer(errorsx.Options{Logger: logger, LogEvery: -1})
	for range 10 {
		rd.Write(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), errors.New("same"))
	}
	if got := strings.Count(logs.String(), "level=ERROR"); got != 10 {
		t.Errorf("%d lines, want 10", got)
	}
}

// A recovered panic is logged once, by the renderer, with its value and
// stack; the client sees neither.
func TestPanicCauseIsLoggedOnceWithItsStack(t *testing.T) {
	logger, logs := logBuffer()
	rd := errorsx.NewRenderer(errorsx.Options{Logger: logger})
	rec := httptest.NewRecorder()
	stack := []byte("goroutine 7 [running]:\nexample.com/app.handler()\n\t/srv/app/handler.go:42 +0x1d")
	rd.Write(rec, httptest.NewRequest("GET", "/", nil), errorsx.InternalServerError(&errorsx.PanicError{Value: "nil map write", Stack: stack}))
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "goroutine") || strings.Contains(rec.Body.String(), "nil map") {
		t.Errorf("%d %s", rec.Code, rec.Body)
	}
	out := logs.String()
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, `cause="panic: nil map write"`) || !strings.Contains(out, "handler.go:42") {
		t.Errorf("want one line with the panic and its stack: %s", out)
	}
	boom := errors.New("boom")
	if pe := (&errorsx.PanicError{Value: boom}); !errors.Is(pe, boom) || pe.Error() != "panic: boom" {
		t.Errorf("PanicError %v does not reach its error value", pe)
	}
}
