package logtest_test

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/fourxx/fourxx/internal/logtest"
)

func Example() {
	logger, logs := logtest.New()
	logger.Debug("cache miss", "key", "w1")
	fmt.Println(strings.Contains(logs.String(), `level=DEBUG msg="cache miss" key=w1`))
	// Output: true
}

func ExampleRecorder() {
	rec := logtest.NewRecorder()
	logger := slog.New(rec).With("path", "/v1/widgets")
	logger.Error("verifier failed", "err", errors.New("backend down"))
	for _, r := range rec.Records() {
		fmt.Println(r)
	}
	// Output: ERROR verifier failed path=/v1/widgets err=backend down
}
