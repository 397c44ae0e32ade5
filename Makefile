# make test   - the README's test command, with the race detector
# make check  - exactly what CI runs (.ci/run): installs redis-server and chromium if missing
# make bench  - every benchmark with allocation counts
.PHONY: test check bench

test:
	go test -race -count=1 ./...

check:
	./.ci/run

bench:
	go test -run '^$$' -bench . -benchmem ./...
