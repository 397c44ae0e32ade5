package ratelimit

import (
	"net/http"
	"strconv"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// writeFields sets the rate-limit fields of an admitted request.
func (l *Limiter) writeFields(h http.Header, states []BucketState) {
	if l.opts.LegacyHeaders {
		l.writeLegacy(h, states)
	}
	if l.opts.HideRemaining {
		return
	}
	if l.fields != nil {
		p := &l.policies[0]
		r, t := p.remaining(states[0].Debt), int64(0)
		if r < int64(p.Burst) {
			t = nextTokenSeconds(p, states[0].Debt, r)
		}
		h[hdrRateLimit] = l.fields.get(r, t)
		return
	}
	var buf [128]byte
	b := buf[:0]
	for i := range states {
		if i > 0 {
			b = append(b, ", "...)
		}
		p := &l.policies[i]
		r := p.remaining(states[i].Debt)
		b = append(b, l.names[i]...)
		b = append(b, ";r="...)
		b = strconv.AppendInt(b, r, 10)
		if r < int64(p.Burst) {
			b = append(b, ";t="...)
			b = strconv.AppendInt(b, nextTokenSeconds(p, states[i].Debt, r), 10)
		}
	}
	h[hdrRateLimit] = []string{string(b)}
}

// nextTokenSeconds is t: the whole seconds, rounded up, until a bucket with
// the given debt and r whole tokens holds r+1.
func nextTokenSeconds(p *Policy, debt time.Duration, r int64) int64 {
	wait := int64(debt) + (r+1)*p.iv() - p.tol()
	return errorsx.DelaySeconds(time.Duration(wait))
}

// writeLegacy sets X-RateLimit-* for the policy with the fewest whole
// tokens left.
func (l *Limiter) writeLegacy(h http.Header, states []BucketState) {
	best, left := 0, int64(-1)
	for i := range states {
		if r := l.policies[i].remaining(states[i].Debt); left < 0 || r < left {
			best, left = i, r
		}
	}
	h[hdrLegacyLimit] = []string{l.legacyLim[best]}
	if l.opts.HideRemaining {
		return
	}
	reset := int64(0)
	if d := states[best].Debt; d > 0 {
		reset = errorsx.DelaySeconds(d)
	}
	h[hdrLegacyLeft] = []string{strconv.FormatInt(left, 10)}
	h[hdrLegacyReset] = []string{strconv.FormatInt(reset, 10)}
}
