// Package readmetest keeps the README's curl walkthroughs true: it runs each
// documented command with bash and curl against a live server and compares
// the output with what the README shows. It is test support: import it only
// from _test.go files.
package readmetest

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// RequireEnv names the variable that turns a missing bash or curl into a
// test failure instead of a skip (CI sets it).
const RequireEnv = "FOURXX_REQUIRE_INTEGRATION"

// A Walkthrough is the part of a README between <!-- Marker:start --> and
// <!-- Marker:end -->: ```console blocks, each a "$ command" line followed by
// the output the command prints.
type Walkthrough struct {
	// README is the path of the README file.
	README string
	// Marker names the walkthrough's start and end comments.
	Marker string
	// Origin is the scheme://host:port the README's commands and outputs
	// use, e.g. "http://127.0.0.1:8080".
	Origin string
}

// step is one console block: a command and its documented output, with the
// output's position in the README for rewriting.
type step struct {
	command, output string
	start, end      int
}

var consoleBlock = regexp.MustCompile("(?s)```console\n\\$ ([^\n]*)\n(.*?)```")

// Run executes every command of the walkthrough in order, with the README's
// origin replaced by origin (where the test's server listens), and fails
// the test when a command's output, with origin written back as the
// README's and Date lines dropped, differs from the README. With update
// set it rewrites the README's outputs from this run instead. It fails when
// the walkthrough has fewer than minSteps commands.
func (w Walkthrough) Run(t *testing.T, origin string, minSteps int, update bool) {
	t.Helper()
	for _, tool := range []string{"bash", "curl"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv(RequireEnv) == "1" {
				t.Fatalf("%s is required: %v", tool, err)
			}
			t.Skipf("%s not installed; set %s=1 to make this a failure", tool, RequireEnv)
		}
	}
	raw, err := os.ReadFile(w.README)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	steps := w.steps(t, readme)
	if len(steps) < minSteps {
		t.Fatalf("walkthrough %q has %d steps, want at least %d", w.Marker, len(steps), minSteps)
	}
	var rewritten strings.Builder
	last := 0
	for i, s := range steps {
		cmd := exec.Command("bash", "-c", strings.ReplaceAll(s.command, w.Origin, origin))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("step %d: %s: %v\n%s", i+1, s.command, err, stderr.String())
		}
		got := normalize(strings.ReplaceAll(string(out), origin, w.Origin))
		if update {
			rewritten.WriteString(readme[last:s.start])
			rewritten.WriteString(got)
			last = s.end
			continue
		}
		if got != normalize(s.output) {
			t.Errorf("step %d: %s\ngot:\n%s\nREADME says:\n%s", i+1, s.command, got, s.output)
		}
	}
	if update {
		rewritten.WriteString(readme[last:])
		if err := os.WriteFile(w.README, []byte(rewritten.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// steps returns the console blocks between the walkthrough's markers.
func (w Walkthrough) steps(t *testing.T, readme string) []step {
	begin := strings.Index(readme, "<!-- "+w.Marker+":start -->")
	finish := strings.Index(readme, "<!-- "+w.Marker+":end -->")
	if begin < 0 || finish < begin {
		t.Fatalf("README has no %q walkthrough markers", w.Marker)
	}
	var steps []step
	for _, m := range consoleBlock.FindAllStringSubmatchIndex(readme[begin:finish], -1) {
		steps = append(steps, step{
			command: readme[begin+m[2] : begin+m[3]],
			output:  readme[begin+m[4] : begin+m[5]],
			start:   begin + m[4],
			end:     begin + m[5],
		})
	}
	return steps
}

// normalize drops CRs and Date lines and ends the text with exactly one
// newline (none for empty output).
func normalize(s string) string {
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
