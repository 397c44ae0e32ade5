package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the README walkthrough's outputs from a real run")

// readmeOrigin is the address the README's commands and bodies use.
const readmeOrigin = "http://127.0.0.1:8080"

// walkthroughStep is one ```console block of the README walkthrough: a
// command line and the output it is documented to print.
type walkthroughStep struct {
	command string
	output  string
	// start and end delimit the output in the README, for -update.
	start, end int
}

var consoleBlock = regexp.MustCompile("(?s)```console\n\\$ ([^\n]*)\n(.*?)```")

// readWalkthrough returns the README and the steps between its walkthrough
// markers.
func readWalkthrough(t *testing.T) (string, []walkthroughStep) {
	t.Helper()
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	begin := strings.Index(readme, "<!-- walkthrough:start -->")
	finish := strings.Index(readme, "<!-- walkthrough:end -->")
	if begin < 0 || finish < begin {
		t.Fatal("README has no walkthrough markers")
	}
	var steps []walkthroughStep
	for _, m := range consoleBlock.FindAllStringSubmatchIndex(readme[begin:finish], -1) {
		steps = append(steps, walkthroughStep{
			command: readme[begin+m[2] : begin+m[3]],
			output:  readme[begin+m[4] : begin+m[5]],
			start:   begin + m[4],
			end:     begin + m[5],
		})
	}
	return readme, steps
}

// TestREADMEWalkthrough runs every command of the README walkthrough, in
// order, with bash and curl against a freshly started demo, and checks that
// each prints exactly what the README shows (Date lines aside). The rate
// limiter's clock is frozen so RateLimit fields are repeatable; the type
// URIs use the README's origin while the server listens on a free port.
func TestREADMEWalkthrough(t *testing.T) {
	for _, tool := range []string{"bash", "curl"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("FOURXX_REQUIRE_INTEGRATION") == "1" {
				t.Fatalf("%s is required: %v", tool, err)
			}
			t.Skipf("%s not installed; set FOURXX_REQUIRE_INTEGRATION=1 to make this a failure", tool)
		}
	}
	readme, steps := readWalkthrough(t)
	if len(steps) < 12 {
		t.Fatalf("walkthrough has only %d steps", len(steps))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	frozen := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		served <- serve(ctx, ln, appConfig{
			publicURL: readmeOrigin, rate: 5, burst: 10,
			logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
			now:    func() time.Time { return frozen },
		}, io.Discard)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	origin := "http://" + ln.Addr().String()

	var rewritten strings.Builder
	last := 0
	for i, step := range steps {
		cmd := exec.Command("bash", "-c", strings.ReplaceAll(step.command, readmeOrigin, origin))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("step %d: %s: %v\n%s", i+1, step.command, err, stderr.String())
		}
		got := normalizeOutput(strings.ReplaceAll(string(out), origin, readmeOrigin))
		if *update {
			rewritten.WriteString(readme[last:step.start])
			rewritten.WriteString(got)
			last = step.end
			continue
		}
		if got != normalizeOutput(step.output) {
			t.Errorf("step %d: %s\ngot:\n%s\nREADME says:\n%s", i+1, step.command, got, step.output)
		}
	}
	if *update {
		rewritten.WriteString(readme[last:])
		if err := os.WriteFile("../../README.md", []byte(rewritten.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// normalizeOutput drops CRs and Date lines and ends the text with exactly
// one newline.
func normalizeOutput(s string) string {
	s = strings.ReplaceAll(s, "\r", "")
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		if !strings.HasPrefix(line, "Date: ") {
			keep = append(keep, line)
		}
	}
	s = strings.TrimRight(strings.Join(keep, "\n"), "\n")
	if s == "" {
		return ""
	}
	return s + "\n"
}
