package validate

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fourxx/fourxx/internal/jsonpointer"
)

// A problem's size is bounded whatever the request: at most maxIssues
// entries, each location (a pointer in URI-fragment form, a parameter or a
// header name) at most maxLocationBytes, and the locations of one problem
// together at most maxListedBytes. The entries past that are counted in the
// detail, not listed. Without the bounds, a body with a long member name on
// the path to 100 failures would be answered with 100 copies of the name.
const (
	maxLocationBytes = 1 << 10
	maxListedBytes   = 16 << 10
)

// A pointerBuilder builds a JSON Pointer from reference tokens while its
// URI-fragment form fits in maxLocationBytes. The first token that does not
// fit ends it: the pointer then names the innermost enclosing value whose
// pointer fits, and cut is set.
type pointerBuilder struct {
	b    strings.Builder
	size int // of the fragment form, "#" included
	cut  bool
}

// add appends token, unless the pointer was cut or token does not fit.
func (pb *pointerBuilder) add(token string) {
	if pb.size == 0 {
		pb.size = 1
	}
	// "/"+token takes at least 1+len(token) bytes: a token that cannot fit
	// is refused before escaping, which costs time in its length.
	if pb.cut || pb.size+1+len(token) > maxLocationBytes {
		pb.cut = true
		return
	}
	t := "/" + jsonpointer.Escape(token)
	n := jsonpointer.FragmentLen(t) - 1
	if pb.size+n > maxLocationBytes {
		pb.cut = true
		return
	}
	pb.b.WriteString(t)
	pb.size += n
}

// String returns the pointer built, in its string form.
func (pb *pointerBuilder) String() string { return pb.b.String() }

// boundedJoin is jsonpointer.Join cut to maxLocationBytes as a
// pointerBuilder does; cut reports whether tokens were dropped.
func boundedJoin(tokens ...string) (p string, cut bool) {
	var pb pointerBuilder
	for _, t := range tokens {
		if pb.add(t); pb.cut {
			break
		}
	}
	return pb.String(), pb.cut
}

// boundedName returns a parameter or header name of at most
// maxLocationBytes: a longer one is cut at a character boundary and ends
// in "…", and cut is set.
func boundedName(name string) (bounded string, cut bool) {
	if len(name) <= maxLocationBytes {
		return name, false
	}
	end := maxLocationBytes - len("…")
	for end > 0 && !utf8.RuneStart(name[end]) {
		end--
	}
	return name[:end] + "…", true
}

// cutNote is what the detail of an entry whose location was cut adds.
func cutNote(where string) string {
	limit := strconv.Itoa(maxLocationBytes)
	if where == wherePointer {
		return " (its pointer is longer than " + limit + " bytes; the one given names the innermost enclosing value)"
	}
	return " (its name is longer than " + limit + " bytes and is cut short, ending in …)"
}
