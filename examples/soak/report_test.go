package main

import (
	"errors"
	"net"
	"net/url"
	"strings"
	"syscall"
	"testing"
)

func TestReportFailures(t *testing.T) {
	ok := func() report {
		tl := newTally()
		tl.add(kind{name: "list", allow: []int{200, 429}}, 200, nil)
		tl.add(kind{name: "over limit (flat out)", allow: []int{200, 429}}, 429, nil)
		tl.add(kind{name: "panic (asked for)", allow: []int{500}}, 500, nil)
		return report{tally: tl.snapshot(), before: vars{Goroutines: 6, HeapLiveBytes: 2 << 20}, after: vars{Goroutines: 6, HeapLiveBytes: 2 << 20}}
	}
	tests := []struct {
		name   string
		change func(*report)
		want   string // "" means no failure
	}{
		{"clean run", func(*report) {}, ""},
		{"goroutines within the slack", func(r *report) { r.after.Goroutines += goroutineSlack }, ""},
		{"heap within the slack", func(r *report) { r.after.HeapLiveBytes = 3<<20 + heapSlack }, ""},
		{"unasked 5xx", func(r *report) { r.tally["list"].statuses[503] = 2 }, "list: 2 × 503, a 5xx nobody asked for"},
		{"unexpected 4xx", func(r *report) { r.tally["list"].statuses[400] = 1 }, "list: 1 × 400, unexpected status"},
		{"transport error", func(r *report) { r.tally["list"].errors[errorClass(errors.New("EOF"))] = 1 }, `1 × transport error "EOF"`},
		{"limiter never refused", func(r *report) { delete(r.tally["over limit (flat out)"].statuses, 429) }, "never refused"},
		{"race", func(r *report) { r.logs.races = 1 }, "1 data race(s)"},
		{"exit status", func(r *report) { r.logs.exitCode = 66 }, "exited with status 66"},
		{"goroutine growth", func(r *report) { r.after.Goroutines = 6 + goroutineSlack + 1 }, "goroutines grew from 6 to 10"},
		{"heap growth", func(r *report) { r.after.HeapLiveBytes = 3<<20 + heapSlack + 1 }, "live heap grew"},
		{"two ERROR lines per asked 5xx", func(r *report) { r.logs.levels = map[string]int{"ERROR": 2} }, ""},
		{"log flood", func(r *report) { r.logs.levels = map[string]int{"ERROR": 3, "INFO": 900} }, "3 ERROR log lines for 1 5xx asked for"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok()
			tt.change(&r)
			got := strings.Join(r.failures(), "\n")
			if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("failures %q, want %q", got, tt.want)
			}
		})
	}
}

func TestErrorClassDropsAddresses(t *testing.T) {
	addr := func(port int) net.Addr { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: port} }
	a := errorClass(&url.Error{Op: "Get", URL: "http://127.0.0.1:1/", Err: &net.OpError{Op: "read", Net: "tcp", Source: addr(50001), Addr: addr(8080), Err: syscall.ECONNRESET}})
	b := errorClass(&net.OpError{Op: "read", Net: "tcp", Source: addr(50002), Addr: addr(8080), Err: syscall.ECONNRESET})
	if a != b || a != "read: connection reset by peer" {
		t.Errorf("%q and %q, want both %q", a, b, "read: connection reset by peer")
	}
	if got := errorClass(errors.New("EOF")); got != "EOF" {
		t.Errorf("%q", got)
	}
}
