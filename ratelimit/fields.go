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
		h[hdrRateLimit] = l.fields.get(shownQuota(&l.policies[0], states[0].Debt))
		return
	}
	var buf [128]byte
	b := buf[:0]
	for i := range states {
		if i > 0 {
			b = append(b, ", "...)
		}
		r, t := shownQuota(&l.policies[i], states[i].Debt)
		b = append(b, l.names[i]...)
		b = append(b, ";r="...)
		b = strconv.AppendInt(b, r, 10)
		if t > 0 {
			b = append(b, ";t="...)
			b = strconv.AppendInt(b, t, 10)
		}
	}
	h[hdrRateLimit] = []string{string(b)}
}

// maxShownRatio caps the r/t of a RateLimit field at this many times the
// q/w of its policy: a nearly full bucket that refills fast would otherwise
// announce more volume than the policy's average rate, which
// draft-ietf-httpapi-ratelimit-headers-10 §6 advises against. The shown r is
// lowered (never raised), so a client that trusts it stays within quota.
const maxShownRatio = 10

// shownQuota returns the r and t to send for a bucket with the given debt:
// r whole tokens left, capped by maxShownRatio, and t seconds until the next
// token, 0 (omitted) when the bucket is full.
func shownQuota(p *Policy, debt time.Duration) (r, t int64) {
	r = p.remaining(debt)
	if r >= int64(p.Burst) {
		return r, 0
	}
	t = nextTokenSeconds(p, debt, r)
	return capShown(p, r, t), t
}

// capShown lowers r so that r/t ≤ maxShownRatio × q/w.
func capShown(p *Policy, r, t int64) int64 {
	return min(r, maxShownRatio*int64(p.Burst)*t/p.Window())
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
