package main

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"slices"
	"strings"
	"sync"
	"time"
)

// tally counts the answers per kind of request.
type tally struct {
	mu    sync.Mutex
	kinds map[string]*kindCount
}

// kindCount is what one kind of request got.
type kindCount struct {
	allow    []int
	statuses map[int]int64
	errors   map[string]int64 // transport errors, by message
}

func newTally() *tally { return &tally{kinds: map[string]*kindCount{}} }

func (t *tally) add(k kind, status int, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	c := t.kinds[k.name]
	if c == nil {
		c = &kindCount{allow: k.allow, statuses: map[int]int64{}, errors: map[string]int64{}}
		t.kinds[k.name] = c
	}
	if err != nil {
		c.errors[errorClass(err)]++
		return
	}
	c.statuses[status]++
}

// errorClass drops what varies between two errors of one kind (addresses,
// ports) and keeps the operation that failed: "dial: i/o timeout".
func errorClass(err error) string {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Op + ": " + op.Err.Error()
	}
	return err.Error()
}

func (t *tally) snapshot() map[string]*kindCount {
	t.mu.Lock()
	defer t.mu.Unlock()
	return maps.Clone(t.kinds)
}

// report is the outcome of a soak.
type report struct {
	tally         map[string]*kindCount
	elapsed       time.Duration
	before, after vars
	logs          logSummary
}

// Growth the soak tolerates between the settled states before and after
// the traffic: a few goroutines (timers, the connection reading
// /debug/vars), and for the heap, pools and maps that grew to the load.
const (
	goroutineSlack = 3
	heapSlack      = 4 << 20
	heapFactor     = 1.5
)

// errorLinesPer5xx is the most ERROR lines one 5xx may cost: a panic is
// logged once, as the 500 it became, with its stack, and the bound leaves
// one line of slack. Anything a client causes that is not a server error
// must stay below ERROR.
const errorLinesPer5xx = 2

// asked5xx counts the 5xx responses that a kind of request asked for.
func (r report) asked5xx() int {
	n := 0
	for _, c := range r.tally {
		for status, count := range c.statuses {
			if status >= 500 && slices.Contains(c.allow, status) {
				n += int(count)
			}
		}
	}
	return n
}

// failures lists every check that failed.
func (r report) failures() []string {
	var out []string
	var requests int64
	for _, name := range slices.Sorted(maps.Keys(r.tally)) {
		c := r.tally[name]
		for status, n := range c.statuses {
			requests += n
			if !slices.Contains(c.allow, status) {
				what := "unexpected status"
				if status >= 500 {
					what = "a 5xx nobody asked for"
				}
				out = append(out, fmt.Sprintf("%s: %d × %d, %s (allowed %v)", name, n, status, what, c.allow))
			}
		}
		for msg, n := range c.errors {
			out = append(out, fmt.Sprintf("%s: %d × transport error %q", name, n, msg))
		}
	}
	if requests == 0 {
		out = append(out, "no request was answered")
	}
	if asked := r.asked5xx(); r.logs.levels["ERROR"] > errorLinesPer5xx*asked {
		out = append(out, fmt.Sprintf("%d ERROR log lines for %d 5xx asked for: clients can flood the log", r.logs.levels["ERROR"], asked))
	}
	if c := r.tally["over limit (flat out)"]; c == nil || c.statuses[tooMany] == 0 {
		out = append(out, "the client sending flat out was never refused: the limiter was not exercised")
	}
	if r.logs.races > 0 {
		out = append(out, fmt.Sprintf("the race detector reported %d data race(s)", r.logs.races))
	}
	if r.logs.exitCode != 0 {
		out = append(out, fmt.Sprintf("the server exited with status %d", r.logs.exitCode))
	}
	if r.after.Goroutines > r.before.Goroutines+goroutineSlack {
		out = append(out, fmt.Sprintf("goroutines grew from %d to %d", r.before.Goroutines, r.after.Goroutines))
	}
	if limit := uint64(float64(r.before.HeapLiveBytes)*heapFactor) + heapSlack; r.after.HeapLiveBytes > limit {
		out = append(out, fmt.Sprintf("live heap grew from %d to %d bytes (limit %d)", r.before.HeapLiveBytes, r.after.HeapLiveBytes, limit))
	}
	return out
}

// print writes the report and its verdict.
func (r report) print(w io.Writer) {
	var requests int64
	total := map[int]int64{}
	fmt.Fprintf(w, "soak: %-28s %s\n", "kind", "statuses (count)")
	for _, name := range slices.Sorted(maps.Keys(r.tally)) {
		c := r.tally[name]
		var parts []string
		for _, status := range slices.Sorted(maps.Keys(c.statuses)) {
			n := c.statuses[status]
			requests += n
			total[status] += n
			parts = append(parts, fmt.Sprintf("%d×%d", status, n))
		}
		for _, n := range c.errors {
			parts = append(parts, fmt.Sprintf("error×%d", n))
		}
		fmt.Fprintf(w, "soak: %-28s %s\n", name, strings.Join(parts, " "))
	}
	var hist []string
	for _, status := range slices.Sorted(maps.Keys(total)) {
		label := fmt.Sprint(status)
		if status == 0 {
			label = "abandoned"
		}
		hist = append(hist, fmt.Sprintf("%s:%d", label, total[status]))
	}
	fmt.Fprintf(w, "soak: %d requests in %.1f s (%.0f/s); statuses %s\n", requests, r.elapsed.Seconds(),
		float64(requests)/r.elapsed.Seconds(), strings.Join(hist, " "))
	fmt.Fprintf(w, "soak: goroutines %d before, %d after; live heap %.1f MiB before, %.1f MiB after\n",
		r.before.Goroutines, r.after.Goroutines, mib(r.before.HeapLiveBytes), mib(r.after.HeapLiveBytes))
	fmt.Fprintf(w, "soak: server log %d lines %v, %d data race(s), exit status %d\n",
		r.logs.lines, r.logs.levels, r.logs.races, r.logs.exitCode)
	for _, line := range r.logs.excerpt {
		fmt.Fprintln(w, "soak: log:", line)
	}
	fails := r.failures()
	for _, f := range fails {
		fmt.Fprintln(w, "soak: FAIL:", f)
	}
	if len(fails) == 0 {
		fmt.Fprintln(w, "soak: PASS")
	}
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }
