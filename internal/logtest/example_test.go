package logtest_test

import (
	"fmt"
	"strings"

	"github.com/fourxx/fourxx/internal/logtest"
)

func Example() {
	logger, logs := logtest.New()
	logger.Debug("cache miss", "key", "w1")
	fmt.Println(strings.Contains(logs.String(), `level=DEBUG msg="cache miss" key=w1`))
	// Output: true
}
