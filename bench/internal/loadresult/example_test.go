package loadresult_test

import (
	"os"

	"github.com/fourxx/fourxx/bench/internal/loadresult"
)

func ExampleWriteMarkdown() {
	loadresult.WriteMarkdown(os.Stdout, loadresult.Results{
		Runs: []loadresult.Run{
			{Scenario: "allowed", Server: loadresult.BareServer, ReqPerS: 1000, P50Ms: 0.1, P99Ms: 0.5, Requests: 5000},
			{Scenario: "allowed", Server: "fourxx demo", ReqPerS: 800, P50Ms: 0.125, P99Ms: 0.6, Requests: 4000},
		},
		FixedRate: loadresult.FixedRate{Rate: 20, Burst: 10, Sent: 240, Admitted: 69, Rejected: 171, ElapsedS: 2.99,
			Formula: 69.8, ExpectedLow: 69, ExpectedHigh: 69, WithinOne: true},
	})
	// Output:
	// | scenario | server | req/s | vs bare chi | p50 ms | p99 ms | p99 vs bare | requests | non-2xx |
	// |---|---|---|---|---|---|---|---|---|
	// | allowed | bare chi | 1000 | 1.00× | 0.100 | 0.500 | 1.00× | 5000 | 0 |
	// | allowed | fourxx demo | 800 | 0.80× | 0.125 | 0.600 | 1.20× | 4000 | 0 |
	//
	// Fixed-rate check: one client sent 240 requests at 80/s to a limit of 20/s with burst 10: 69 admitted, 171 refused over 2.99 s. A token bucket admits at most burst + rate × elapsed = 69.8, and 69–69 for these requests at the times they were sent and answered; within one of that: true.
}
