package ratelimit

import (
	"net/http"
	"strconv"
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
	violated := make([]string, 0, len(states))
	var quoted, field []byte
	for i := range states {
		if states[i].Wait <= 0 {
			continue
		}
		p := &l.policies[i]
		if len(violated) > 0 {
			quoted = append(quoted, ", "...)
			field = append(field, ", "...)
		}
		violated = append(violated, p.Name)
		quoted = append(quoted, l.names[i]...)
		field = append(field, l.names[i]...)
		field = append(field, ";r="...)
		field = strconv.AppendInt(field, p.Remaining(states[i].Debt), 10)
		field = append(field, ";t="...)
		field = append(field, secs...)
	}
	if !l.opts.HideRemaining {
		h[hdrRateLimit] = []string{string(field)}
	}
	noun := "policy "
	if len(violated) > 1 {
		noun = "policies "
	}
	detail := "Too many requests under rate-limit " + noun + string(quoted) + "; retry in " + secs + " s."
	l.renderer.Write(w, r, errorsx.TooManyRequests(d, detail).With("violated_policies", violated))
}
