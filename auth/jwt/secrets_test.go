package jwt_test

import (
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/fourxx/fourxx/internal/logtest"
)

// The secret hygiene of the jwt suite: every slog record a test writes
// (slog.Default, the Verifiers' and renderers' loggers) is captured with
// internal/logtest Recorders, every token a test signs is remembered, and TestMain
// fails the run when a token, or the HMAC secret, appears in a log line.
// Response bodies are checked where the responses are read.

var suite struct {
	mu     sync.Mutex
	tokens []string
	logs   []capturedLogs
}

// capturedLogs is a Recorder whose String the final check searches.
type capturedLogs = *logtest.Recorder

// captureLogs returns a logger whose records TestMain checks.
func captureLogs() (*slog.Logger, capturedLogs) {
	rec := logtest.NewRecorder()
	suite.mu.Lock()
	suite.logs = append(suite.logs, rec)
	suite.mu.Unlock()
	return slog.New(rec), rec
}

// remember records a token for the final check and returns it.
func remember(token string) string {
	suite.mu.Lock()
	suite.tokens = append(suite.tokens, token)
	suite.mu.Unlock()
	return token
}

func TestMain(m *testing.M) {
	logger, _ := captureLogs()
	slog.SetDefault(logger)
	code := m.Run()
	if code == 0 {
		if leaks := suiteLeaks(); leaks != "" {
			fmt.Fprint(os.Stderr, "FAIL: secret hygiene: secrets appear in the logs of the jwt suite:\n"+leaks)
			code = 1
		}
	}
	os.Exit(code)
}

// suiteLeaks reports every remembered token (and the HMAC secret) found in
// a captured log.
func suiteLeaks() string {
	suite.mu.Lock()
	defer suite.mu.Unlock()
	var all strings.Builder
	for _, b := range suite.logs {
		all.WriteString(b.String())
	}
	logs := all.String()
	var leaks strings.Builder
	for _, s := range append(suite.tokens, string(hmacKey)) {
		// The signature part alone is a secret too: with it, a token can
		// be replayed from its (public) header and claims.
		parts := strings.Split(s, ".")
		for _, p := range []string{s, parts[len(parts)-1]} {
			if len(p) >= 16 && strings.Contains(logs, p) {
				fmt.Fprintf(&leaks, "  %.40q…\n", p)
			}
		}
	}
	return leaks.String()
}

// TestSecretHygiene_capture proves the capture works: a record written
// through slog.Default reaches the buffers TestMain reads.
func TestSecretHygiene_capture(t *testing.T) {
	slog.Default().Debug("jwt suite capture check")
	suite.mu.Lock()
	defer suite.mu.Unlock()
	if !strings.Contains(suite.logs[0].String(), "jwt suite capture check") {
		t.Error("slog.Default is not captured")
	}
}
