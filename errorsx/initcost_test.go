package errorsx_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// initLine matches a GODEBUG=inittrace=1 line of a fourxx package.
var initLine = regexp.MustCompile(`(?m)^init (github\.com/fourxx/fourxx/\S*) @\S+ ms, ([0-9.]+) ms clock, ([0-9]+) bytes, ([0-9]+) allocs$`)

// TestImportCostsNothing builds a program that imports errorsx,
// errorsx/reference and middleware and nothing else, runs it with
// GODEBUG=inittrace=1, and checks that the fourxx packages' initialisation
// allocates at most 50 times and 4 KiB (DESIGN.md rule 12: indexes and
// tables are built on first use, never at init). The clock time is logged,
// not asserted: it depends on the machine's load.
func TestImportCostsNothing(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "initcost")
	build := exec.Command("go", "build", "-o", bin, "./testdata/initcost")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	run := exec.Command(bin)
	run.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out)
	}
	lines := initLine.FindAllSubmatch(out, -1)
	if len(lines) == 0 {
		t.Fatalf("no init line of a fourxx package in\n%s", out)
	}
	var clock float64
	var bytes, allocs int
	for _, m := range lines {
		ms, _ := strconv.ParseFloat(string(m[2]), 64)
		b, _ := strconv.Atoi(string(m[3]))
		n, _ := strconv.Atoi(string(m[4]))
		t.Logf("%s: %.3f ms, %d bytes, %d allocs", m[1], ms, b, n)
		clock += ms
		bytes += b
		allocs += n
	}
	t.Logf("fourxx init: %.0f µs, %d bytes, %d allocs", clock*1000, bytes, allocs)
	if allocs > 50 || bytes > 4<<10 {
		t.Errorf("fourxx init allocates %d times, %d bytes; want at most 50 and 4096", allocs, bytes)
	}
}
