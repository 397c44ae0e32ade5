package validate

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/fourxx/fourxx/errorsx"
)

// utf8BOM is the byte order mark some clients put first; RFC 8259 §8.1 lets
// a parser ignore it, and Decode does.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// position returns the 1-based line and column (in characters) of byte
// offset off in data.
func position(data []byte, off int) (line, column int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	if nl := bytes.LastIndexByte(before, '\n'); nl >= 0 {
		before = before[nl+1:]
	}
	return line, 1 + utf8.RuneCount(before)
}

// syntaxProblem returns a 400 problem at byte offset off of data.
func syntaxProblem(data []byte, off int, what string) *errorsx.Problem {
	line, col := position(data, off)
	return errorsx.BadRequest(what+" (line "+strconv.Itoa(line)+", column "+strconv.Itoa(col)+").").
		With("line", line).With("column", col).With("offset", off)
}

// depthProblem returns the 400 problem for a body whose array or object at
// byte offset off of data is nested deeper than maxDepth levels. The
// extension member "max_depth" gives the limit.
func depthProblem(data []byte, off, maxDepth int) *errorsx.Problem {
	levels := strconv.Itoa(maxDepth)
	return syntaxProblem(data, off, "The request body nests arrays and objects more than "+levels+
		" levels deep; at most "+levels+" are accepted").With("max_depth", maxDepth)
}

// pathProblem returns the 400 problem for a body in which the member name at
// byte offset off of data brings the names on the path to a value over
// maxPath bytes. The extension member "max_path_bytes" gives the limit.
func pathProblem(data []byte, off, maxPath int) *errorsx.Problem {
	limit := strconv.Itoa(maxPath)
	return syntaxProblem(data, off, "The request body has member names of more than "+limit+
		" bytes together on the path to a value; at most "+limit+" are accepted").With("max_path_bytes", maxPath)
}

// invalidUTF8 finds the first byte of data that is not UTF-8, or -1.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

const emptyBody = "The request body is empty; send a JSON document."
