package ratelimit

import (
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
func (l *Limiter) reject(w http.ResponseWriter, r *http.Request, states []BucketState) {
	secs := errorsx.DelaySeconds(time.Duration(maxWait(states)))
	if l.opts.LegacyHeaders {
		l.writeLegacy(w.Header(), states)
	}
	var buf [4]int
	violated := buf[:0]
	for i := range states {
		if states[i].Wait > 0 {
			violated = append(violated, i)
		}
	}
	if len(violated) == 1 {
		if i := violated[0]; l.policies[i].remaining(states[i].Debt) == 0 {
			p := l.rejects.load(i, secs)
			if p == nil {
				p = errorsx.Prepare(l.rejection(violated, states, secs))
				l.rejects.store(i, secs, p)
			}
			l.renderer.Write(w, r, p)
			return
		}
	}
	l.renderer.Write(w, r, l.rejection(violated, states, secs))
}

// rejection builds the 429 problem for the violated policies: Retry-After
// of secs, the RateLimit field (unless hidden) and violated_policies.
func (l *Limiter) rejection(violated []int, states []BucketState, secs int64) *errorsx.Problem {
	secsText := strconv.FormatInt(secs, 10)
	var field []byte
	names := make([]string, 0, len(violated))
	quoted := make([]string, 0, len(violated))
	for n, i := range violated {
		if n > 0 {
			field = append(field, ", "...)
		}
		field = append(field, l.names[i]...)
		field = append(field, ";r="...)
		field = strconv.AppendInt(field, capShown(&l.policies[i], l.policies[i].remaining(states[i].Debt), secs), 10)
		field = append(field, ";t="...)
		field = append(field, secsText...)
		names = append(names, l.policies[i].Name)
		quoted = append(quoted, l.names[i])
	}
	p := errorsx.TooManyRequests(time.Duration(secs)*time.Second, detailPrefix(quoted)+secsText+" s.").
		With("violated_policies", names)
	if !l.opts.HideRemaining {
		p.Header[hdrRateLimit] = []string{string(field)}
	}
	return p
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
