package sfv_test

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/fourxx/fourxx/internal/complexitytest"
	"github.com/fourxx/fourxx/internal/sfv"
)

// Parsing a RateLimit-style list costs bytes linear in its size for every
// shape a hostile or broken server could send: many members, many
// parameters, long and escaped strings, long tokens, many field lines.
func TestParseListIsLinear(t *testing.T) {
	parse := func(in []byte) {
		lines := bytes.Split(in, []byte("\n"))
		ss := make([]string, len(lines))
		for i, l := range lines {
			ss[i] = string(l)
		}
		_, _ = sfv.ParseList(ss...)
	}
	repeat := func(prefix, unit, suffix string) func(int) []byte {
		return func(n int) []byte {
			b := append([]byte(prefix), bytes.Repeat([]byte(unit), n)...)
			return append(b, suffix...)
		}
	}
	complexitytest.Linear(t, parse,
		complexitytest.Shape{Name: "many members", Gen: repeat(`"a";r=1`, `, "b";r=2;t=3`, ""), N: 1000},
		complexitytest.Shape{Name: "many distinct parameters", Gen: func(n int) []byte {
			b := []byte(`"a"`)
			for i := range n {
				b = append(b, ";k"...)
				b = strconv.AppendInt(b, int64(i), 10)
				b = append(b, "=1"...)
			}
			return b
		}, N: 1000},
		complexitytest.Shape{Name: "many duplicate parameters", Gen: repeat(`"a"`, `;r=1;t=2`, ""), N: 1000},
		complexitytest.Shape{Name: "long escaped string", Gen: repeat(`"`, `\"\\`, `"`), N: 2000},
		complexitytest.Shape{Name: "long token", Gen: repeat(`a`, `b`, `;r=1`), N: 4000},
		complexitytest.Shape{Name: "many field lines", Gen: repeat(`"a";r=1`, "\n\"b\";r=2", ""), N: 1000},
		complexitytest.Shape{Name: "unterminated string", Gen: repeat(`"`, `a`, ""), N: 4000},
	)
}
