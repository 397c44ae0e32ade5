// Command report turns one run of the comparison benchmarks (the text `go
// test -bench` prints, benchstat-ready) and of the load test (its JSON) into
// BENCHMARKS.md: one table per benchmark with each contender's median over
// the run's -count repetitions and its ratio to fourxx, the load-test table,
// and every target of the performance plan checked against the figures.
// Numbers come only from the run; the prose of NOTES.md is copied in.
//
//	go run ./cmd/report -bench results/bench.txt -load results/load.json -notes NOTES.md -o ../BENCHMARKS.md
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

func main() {
	benchFile := flag.String("bench", "results/bench.txt,results/redis.txt", "go test -bench outputs, comma-separated (a missing file is skipped)")
	loadFile := flag.String("load", "results/load.json", "loadtest -json output")
	notesFile := flag.String("notes", "NOTES.md", "hand-written analysis to include")
	out := flag.String("o", "../BENCHMARKS.md", "file to write")
	flag.Parse()
	if err := mainErr(*benchFile, *loadFile, *notesFile, *out); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

// sample is every repetition of one benchmark's metrics.
type sample struct {
	metrics map[string][]float64 // unit → values
}

// median is the median of the unit's values, or -1 when absent.
func (s *sample) median(unit string) float64 {
	v := slices.Clone(s.metrics[unit])
	if len(v) == 0 {
		return -1
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// suite is a parsed benchmark run: header lines and samples by
// "Benchmark/contender", in first-seen order.
type suite struct {
	header  []string
	order   []string
	samples map[string]*sample
}

// parse adds the samples of one `go test -bench` output to s.
func (s *suite) parse(r io.Reader) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		for _, h := range []string{"goos:", "goarch:", "cpu:"} {
			if strings.HasPrefix(line, h) && !slices.Contains(s.header, line) {
				s.header = append(s.header, line)
			}
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i] // the GOMAXPROCS suffix
			}
		}
		name = strings.TrimPrefix(name, "Benchmark")
		smp := s.samples[name]
		if smp == nil {
			smp = &sample{metrics: map[string][]float64{}}
			s.samples[name] = smp
			s.order = append(s.order, name)
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				break
			}
			smp.metrics[f[i+1]] = append(smp.metrics[f[i+1]], v)
		}
	}
	return sc.Err()
}

// get is the median of a unit for "Benchmark/contender".
func (s *suite) get(bench, contender, unit string) float64 {
	smp := s.samples[bench+"/"+contender]
	if smp == nil {
		return -1
	}
	return smp.median(unit)
}

type loadRun struct {
	Scenario string  `json:"scenario"`
	Server   string  `json:"server"`
	ReqPerS  float64 `json:"req_per_s"`
	P50Ms    float64 `json:"p50_ms"`
	P99Ms    float64 `json:"p99_ms"`
	Requests int     `json:"requests"`
	Non2xx   int     `json:"non_2xx"`
}

type loadResults struct {
	Runs      []loadRun `json:"runs"`
	FixedRate struct {
		Rate     float64 `json:"rate"`
		Burst    int     `json:"burst"`
		Sent     int     `json:"sent"`
		Admitted int     `json:"admitted"`
		Rejected int     `json:"rejected"`
		ElapsedS float64 `json:"elapsed_s"`
		Formula  float64 `json:"formula"`
		Low      int     `json:"expected_low"`
		High     int     `json:"expected_high"`
		Within   bool    `json:"within_bound"`
	} `json:"fixed_rate"`
}

func (l *loadResults) find(scenario, server string) (loadRun, bool) {
	for _, r := range l.Runs {
		if r.Scenario == scenario && r.Server == server {
			return r, true
		}
	}
	return loadRun{}, false
}

func mainErr(benchFile, loadFile, notesFile, out string) error {
	s := &suite{samples: map[string]*sample{}}
	for _, name := range strings.Split(benchFile, ",") {
		f, err := os.Open(name)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return err
		}
		err = s.parse(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	var load loadResults
	if b, err := os.ReadFile(loadFile); err == nil {
		if err := json.Unmarshal(b, &load); err != nil {
			return fmt.Errorf("%s: %w", loadFile, err)
		}
	} else if !os.IsNotExist(err) {
		return err
	}
	notes, err := os.ReadFile(notesFile)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	var b strings.Builder
	writeReport(&b, s, &load, string(notes))
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

const preamble = `# fourxx benchmarks

Every figure below comes from one run of ` + "`make bench-compare`" + ` on the machine named under it:
the comparison module in ` + "`bench/`" + ` (its own go.mod, so the library never requires the peers)
runs the same requests through fourxx, the libraries a team would otherwise use, and the code a team
would write by hand, in the same ` + "`go test -bench`" + ` run; then a loopback load test with wrk. This file
is generated by ` + "`bench/cmd/report`" + ` from ` + "`bench/results/`" + ` (raw, benchstat-ready); numbers are never
edited by hand. Medians over the run's repetitions. Ratios are to fourxx in the same run (for ns/op,
above 1.00× means slower than fourxx).

Reproduce: ` + "`make bench-compare`" + ` (needs wrk and taskset: ` + "`apt-get install -y wrk`" + `). Compare two runs:
` + "`benchstat old.txt bench/results/bench.txt`" + `.
`

func writeReport(w *strings.Builder, s *suite, load *loadResults, notes string) {
	w.WriteString(preamble)
	fmt.Fprintf(w, "\nMachine: %s; %d logical CPUs.\n", strings.Join(s.header, "; "), cpus())
	writeTargets(w, s, load)
	writeTables(w, s)
	writeLoad(w, load)
	if notes != "" {
		w.WriteString("\n" + strings.TrimSpace(notes) + "\n")
	}
}

// cpus counts the processors in /proc/cpuinfo (0 where unreadable).
func cpus() int {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return 0
	}
	return strings.Count(string(b), "\nprocessor") + boolInt(strings.HasPrefix(string(b), "processor"))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func writeTables(w *strings.Builder, s *suite) {
	var benches []string
	for _, name := range s.order {
		bench, _, _ := strings.Cut(name, "/")
		if !slices.Contains(benches, bench) {
			benches = append(benches, bench)
		}
	}
	w.WriteString("\n## All figures\n")
	for _, bench := range benches {
		var units []string
		for _, name := range s.order {
			if b, _, _ := strings.Cut(name, "/"); b != bench {
				continue
			}
			for u := range s.samples[name].metrics {
				if !slices.Contains(units, u) {
					units = append(units, u)
				}
			}
		}
		slices.SortFunc(units, func(a, b string) int { return unitRank(a) - unitRank(b) })
		_, compared := s.samples[bench+"/fourxx"]
		fmt.Fprintf(w, "\n### %s\n\n| contender |", bench)
		for _, u := range units {
			fmt.Fprintf(w, " %s |", u)
			if compared {
				w.WriteString(" vs fourxx |")
			}
		}
		w.WriteString("\n|---|")
		for range units {
			w.WriteString("---|")
			if compared {
				w.WriteString("---|")
			}
		}
		w.WriteString("\n")
		for _, name := range s.order {
			b, contender, _ := strings.Cut(name, "/")
			if b != bench {
				continue
			}
			fmt.Fprintf(w, "| %s |", contender)
			for _, u := range units {
				v := s.get(bench, contender, u)
				fmt.Fprintf(w, " %s |", num(v))
				if compared {
					fmt.Fprintf(w, " %s |", ratio(v, s.get(bench, "fourxx", u)))
				}
			}
			w.WriteString("\n")
		}
	}
}

func unitRank(u string) int {
	switch u {
	case "ns/op":
		return 0
	case "B/op":
		return 1
	case "allocs/op":
		return 2
	}
	return 3
}

func num(v float64) string {
	switch {
	case v < 0:
		return "–"
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	default:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
}

func ratio(v, base float64) string {
	if v < 0 || base <= 0 {
		return "–"
	}
	return strconv.FormatFloat(v/base, 'f', 2, 64) + "×"
}

// A target is one bound of the performance plan: fourxx's figure divided by
// the baseline's must not exceed limit.
type target struct {
	what              string
	bench, base, unit string
	limit             float64
	absolute          bool // limit is a bound on fourxx's own figure
}

var targets = []target{
	{"allowed path with RateLimit fields ≤ 1.0× the naive map", "LimitAllowedOneClient", "naive-map", "ns/op", 1.0, false},
	{"429 with the full problem ≤ 1.2× the naive map's plain-text 429", "LimitRejected", "naive-map", "ns/op", 1.2, false},
	{"≤ 24 B of heap per tracked client at 1 000 000 clients", "LimitHeapPerClient", "", "bytes/client", 24, true},
	{"404 built per request with Accept ≤ 1.0× http.Error", "Render404", "http.Error", "ns/op", 1.0, false},
	{"422 with 5 field errors ≤ 1.0× the naive encode in time", "Render422FiveErrors", "naive-json", "ns/op", 1.0, false},
	{"422 with 5 field errors ≤ 2× the naive encode's bytes", "Render422FiveErrors", "naive-json", "B/op", 2.0, false},
}

var limiterPeers = []string{"httprate", "ulule", "tollbooth", "sethvargo"}

func writeTargets(w *strings.Builder, s *suite, load *loadResults) {
	w.WriteString("\n## Targets\n\n| target | fourxx | baseline | ratio | verdict |\n|---|---|---|---|---|\n")
	for _, t := range targets {
		v := s.get(t.bench, "fourxx", t.unit)
		if v < 0 {
			fmt.Fprintf(w, "| %s | – | – | – | not measured in this run |\n", t.what)
			continue
		}
		if t.absolute {
			fmt.Fprintf(w, "| %s | %s %s | – | – | %s |\n", t.what, num(v), t.unit, verdict(v, t.limit))
			continue
		}
		base := s.get(t.bench, t.base, t.unit)
		fmt.Fprintf(w, "| %s | %s %s | %s: %s | %s | %s |\n", t.what, num(v), t.unit, t.base, num(base), ratio(v, base), verdict(v/base, t.limit))
	}
	// Every other limiter benchmark: ahead of every peer.
	for _, name := range s.order {
		bench, contender, _ := strings.Cut(name, "/")
		if !strings.HasPrefix(bench, "Limit") || contender != "fourxx" {
			continue
		}
		unit := "ns/op"
		if bench == "LimitHeapPerClient" {
			unit = "bytes/client"
		}
		v := s.get(bench, "fourxx", unit)
		best, bestName := -1.0, ""
		for _, p := range limiterPeers {
			if pv := s.get(bench, p, unit); pv >= 0 && (best < 0 || pv < best) {
				best, bestName = pv, p
			}
		}
		if best < 0 {
			continue
		}
		fmt.Fprintf(w, "| %s: ahead of every library peer | %s %s | best peer %s: %s | %s | %s |\n",
			bench, num(v), unit, bestName, num(best), ratio(v, best), verdictStrict(v/best))
	}
	if bare, ok := load.find("allowed", "bare chi"); ok {
		if demo, ok := load.find("allowed", "fourxx demo"); ok {
			fmt.Fprintf(w, "| demo stack keeps ≥ 85%% of bare chi's throughput (access log off) | %.0f req/s | bare chi: %.0f req/s | %.2f× | %s |\n",
				demo.ReqPerS, bare.ReqPerS, demo.ReqPerS/bare.ReqPerS, verdictAtLeast(demo.ReqPerS/bare.ReqPerS, 0.85))
			fmt.Fprintf(w, "| demo stack p99 ≤ 1.3× bare chi | %.3f ms | bare chi: %.3f ms | %.2f× | %s |\n",
				demo.P99Ms, bare.P99Ms, demo.P99Ms/bare.P99Ms, verdict(demo.P99Ms/bare.P99Ms, 1.3))
		}
	}
}

func verdict(v, limit float64) string {
	if v <= limit {
		return "met"
	}
	return fmt.Sprintf("missed by %.0f%%", (v/limit-1)*100)
}

func verdictStrict(r float64) string {
	if r < 1 {
		return "met"
	}
	return fmt.Sprintf("missed: %.0f%% behind", (r-1)*100)
}

func verdictAtLeast(v, floor float64) string {
	if v >= floor {
		return "met"
	}
	return fmt.Sprintf("missed by %.0f%%", (1-v/floor)*100)
}

func writeLoad(w *strings.Builder, load *loadResults) {
	if len(load.Runs) == 0 {
		return
	}
	w.WriteString("\n## Loopback load test (wrk)\n\nServer pinned to CPU 0, wrk (1 thread) to CPU 1, `GET /v1/widgets` with a Bearer token; the demo runs with `-access-log=false`. Over-limit: a limit of one request per 1000 s, so every request after the first is refused (the bare server with a naive x/time/rate map and `http.Error`).\n\n")
	w.WriteString("| scenario | server | req/s | vs bare chi | p50 ms | p99 ms | p99 vs bare | requests | non-2xx |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range load.Runs {
		b, _ := load.find(r.Scenario, "bare chi")
		fmt.Fprintf(w, "| %s | %s | %.0f | %s | %.3f | %.3f | %s | %d | %d |\n", r.Scenario, r.Server, r.ReqPerS,
			ratio(r.ReqPerS, b.ReqPerS), r.P50Ms, r.P99Ms, ratio(r.P99Ms, b.P99Ms), r.Requests, r.Non2xx)
	}
	f := load.FixedRate
	fmt.Fprintf(w, "\nFixed-rate check: one client sent %d requests at %.0f/s to a limit of %.0f/s with burst %d: %d admitted, %d refused over %.2f s. A token bucket admits at most burst + rate × elapsed = %.1f, and %d–%d for these requests at the times they were sent and answered; within one of that: %v.\n",
		f.Sent, 4*f.Rate, f.Rate, f.Burst, f.Admitted, f.Rejected, f.ElapsedS, f.Formula, f.Low, f.High, f.Within)
}
