# make test   - the README's test command, with the race detector
# make check  - exactly what CI runs (.ci/run): installs redis-server and chromium if missing
# make bench  - every benchmark with allocation counts
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c

.PHONY: test check bench

test:
	go test -race -count=1 ./...

check:
	./.ci/run

bench:
	go test -run '^$$' -bench . -benchmem ./...

# make bench-compare - fourxx beside its peers and a bare chi server (bench/,
#                      a module of its own); regenerates BENCHMARKS.md from
#                      bench/results/. Needs wrk, taskset and redis-server.
.PHONY: bench-compare
bench-compare:
	cd bench && go test -run '^$$' -bench . -benchmem -count 3 . | tee results/bench.txt
	FOURXX_REQUIRE_INTEGRATION=1 go test -run '^$$' -bench BenchmarkDecision -benchtime 20000x -count 3 ./ratelimit/redisstore/ | tee bench/results/redis.txt
	cd bench && go run ./cmd/loadtest -json results/load.json | tee results/load.md
	cd bench && go run ./cmd/report -bench results/bench.txt,results/redis.txt -load results/load.json -notes NOTES.md -o ../BENCHMARKS.md
