package readmetest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := map[string]string{
		"HTTP/1.1 200 OK\r\nDate: Mon, 01 Jan 2026 00:00:00 GMT\r\nA: b\r\n\r\nbody": "HTTP/1.1 200 OK\nA: b\n\nbody\n",
		"":          "",
		"x\n\n\n":   "x\n",
		"Date: x\n": "",
	}
	for in, want := range tests {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStepsBetweenMarkers(t *testing.T) {
	readme := "intro\n```console\n$ echo outside\nno\n```\n<!-- demo:start -->\n" +
		"```console\n$ echo one\none\n```\ntext\n```console\n$ printf ''\n```\n<!-- demo:end -->\n"
	path := filepath.Join(t.TempDir(), "README.md")
	if err := os.WriteFile(path, []byte(readme), 0o644); err != nil {
		t.Fatal(err)
	}
	w := Walkthrough{README: path, Marker: "demo", Origin: "http://example.invalid"}
	steps := w.steps(t, readme)
	if len(steps) != 2 || steps[0].command != "echo one" || steps[0].output != "one\n" || steps[1].output != "" {
		t.Fatalf("steps %+v", steps)
	}
	w.Run(t, "http://unused.invalid", 2, false)
}
