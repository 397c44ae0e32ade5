package ratelimit

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// reject answers a request some policy refused: 429 with Retry-After equal
// to the whole seconds, rounded up, until every policy would admit it. The
// RateLimit field lists the violated policies only, each with t equal to
// Retry-After, so a client reading either waits long enough.
func (l *Limiter) reject(w http.ResponseWriter, r *http.Request, states []BucketState, wait int64) {
	d := time.Duration(wait)
	secs := strconv.FormatInt(errorsx.DelaySeconds(d), 10)
	h := w.Header()
	if l.opts.LegacyHeaders {
		l.writeLegacy(h, states)
	}
	var field []byte
	first, count := -1, 0
	for i := range states {
		if states[i].Wait <= 0 {
			continue
		}
		if count == 0 {
			first = i
		} else {
			field = append(field, ", "...)
		}
		count++
		field = append(field, l.names[i]...)
		field = append(field, ";r="...)
		field = strconv.AppendInt(field, l.policies[i].Remaining(states[i].Debt), 10)
		field = append(field, ";t="...)
		field = append(field, secs...)
	}
	if !l.opts.HideRemaining {
		h[hdrRateLimit] = []string{string(field)}
	}
	prefix, violated := l.details[first], l.violated[first]
	if count > 1 {
		var names, quoted []string
		for i := range states {
			if states[i].Wait > 0 {
				names = append(names, l.policies[i].Name)
				quoted = append(quoted, l.names[i])
			}
		}
		prefix, violated = detailPrefix(quoted), names
	}
	l.renderer.Write(w, r, errorsx.TooManyRequests(d, prefix+secs+" s.").With("violated_policies", violated))
}

// detailPrefix is the 429 detail up to the number of seconds, for the
// violated policies' sf-string names.
func detailPrefix(quoted []string) string {
	noun := "policy "
	if len(quoted) > 1 {
		noun = "policies "
	}
	return "Too many requests under rate-limit " + noun + strings.Join(quoted, ", ") + "; retry in "
}

// mustJSON encodes a value that cannot fail to encode.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
