// Package loadresult is the load test's results file (bench/results/
// load.json), written by cmd/loadtest and read by cmd/report, and the one
// Markdown table both print from it.
package loadresult

import (
	"fmt"
	"io"
	"strconv"
)

// A Run is one wrk measurement of one server in one scenario.
type Run struct {
	Scenario string  `json:"scenario"`
	Server   string  `json:"server"`
	ReqPerS  float64 `json:"req_per_s"`
	P50Ms    float64 `json:"p50_ms"`
	P99Ms    float64 `json:"p99_ms"`
	Requests int     `json:"requests"`
	Non2xx   int     `json:"non_2xx"`
}

// FixedRate is the admitted-count check: one client sending at four times
// the limit's rate, against the token-bucket formula.
type FixedRate struct {
	Rate     float64 `json:"rate"`
	Burst    int     `json:"burst"`
	Sent     int     `json:"sent"`
	Admitted int     `json:"admitted"`
	Rejected int     `json:"rejected"`
	ElapsedS float64 `json:"elapsed_s"`
	Formula  float64 `json:"formula"`
	// ExpectedLow and ExpectedHigh are what a token bucket admits for the
	// requests as they were sent, taking each to arrive when it was sent and
	// when its answer came back.
	ExpectedLow  int  `json:"expected_low"`
	ExpectedHigh int  `json:"expected_high"`
	WithinOne    bool `json:"within_bound"`
}

// Results is the whole file.
type Results struct {
	Runs      []Run     `json:"runs"`
	FixedRate FixedRate `json:"fixed_rate"`
}

// Find returns the run of server in scenario, and whether there is one.
func (r *Results) Find(scenario, server string) (Run, bool) {
	for _, run := range r.Runs {
		if run.Scenario == scenario && run.Server == server {
			return run, true
		}
	}
	return Run{}, false
}

// BareServer is the Server name of the baseline every ratio is taken to.
const BareServer = "bare chi"

// WriteMarkdown writes the runs as a Markdown table, each beside its
// scenario's bare server, then the fixed-rate check in one sentence.
func WriteMarkdown(w io.Writer, r Results) {
	fmt.Fprintln(w, "| scenario | server | req/s | vs bare chi | p50 ms | p99 ms | p99 vs bare | requests | non-2xx |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|")
	for _, run := range r.Runs {
		b, _ := r.Find(run.Scenario, BareServer)
		fmt.Fprintf(w, "| %s | %s | %.0f | %s | %.3f | %.3f | %s | %d | %d |\n", run.Scenario, run.Server, run.ReqPerS,
			ratio(run.ReqPerS, b.ReqPerS), run.P50Ms, run.P99Ms, ratio(run.P99Ms, b.P99Ms), run.Requests, run.Non2xx)
	}
	f := r.FixedRate
	fmt.Fprintf(w, "\nFixed-rate check: one client sent %d requests at %.0f/s to a limit of %.0f/s with burst %d: %d admitted, %d refused over %.2f s. A token bucket admits at most burst + rate × elapsed = %.1f, and %d–%d for these requests at the times they were sent and answered; within one of that: %v.\n",
		f.Sent, 4*f.Rate, f.Rate, f.Burst, f.Admitted, f.Rejected, f.ElapsedS, f.Formula, f.ExpectedLow, f.ExpectedHigh, f.WithinOne)
}

// ratio formats v/base, or "–" without a base.
func ratio(v, base float64) string {
	if base <= 0 {
		return "–"
	}
	return strconv.FormatFloat(v/base, 'f', 2, 64) + "×"
}
