package ratelimit

import (
	"math/bits"
	"net/http"
	"strconv"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// writeFields sets the rate-limit fields of an admitted request. fresh
// says that h holds no RateLimit field, which is then assigned directly.
func (l *Limiter) writeFields(h http.Header, states []BucketState, fresh bool) {
	if l.opts.LegacyHeaders {
		l.writeLegacy(h, states)
	}
	if l.opts.HideRemaining {
		return
	}
	if l.fields != nil {
		line := l.fields.line(states[0].Debt)
		if fresh {
			h[hdrRateLimit] = line
		} else {
			addField(h, hdrRateLimit, line)
		}
		return
	}
	// Appended by hand: it changes with every request, and httpsfv costs
	// about 10× the time and 26 allocations instead of 2 for two policies
	// (BenchmarkFieldTwoPolicies*); TestFieldLineMatchesHTTPSFV checks both
	// write the same line.
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
	addField(h, hdrRateLimit, []string{string(b)})
}

// addField adds the field lines v, which may be shared and are never
// modified, to h[key]. A limiter stacked inside another (a per-route one
// within a global one) so adds its members after the outer limiter's: each
// list field then names every policy that applies (draft-10 §4 lists
// several). Lines already present are copied, never appended to in place.
func addField(h http.Header, key string, v []string) {
	if old := h[key]; len(old) > 0 {
		h[key] = append(old[:len(old):len(old)], v...)
		return
	}
	h[key] = v
}

// maxShownRatio caps the r/t of a RateLimit field at this many times the
// q/w of its policy: a large bucket that refills fast would otherwise
// announce far more volume than the policy's average rate, which
// draft-ietf-httpapi-ratelimit-headers-10 §6 advises against ("a lower
// remaining value or a higher reset").
const maxShownRatio = 10

// shownQuota returns the r and t to send on an admitted response for a
// bucket with the given debt: those of bucketQuota, t raised by shownT.
func shownQuota(p *Policy, debt time.Duration) (r, t int64) {
	r, t = bucketQuota(p, debt)
	return r, shownT(p, r, t)
}

// bucketQuota returns r, the whole tokens a bucket with the given debt
// holds, and t, the seconds until the next token (0 when the bucket is
// full).
func bucketQuota(p *Policy, debt time.Duration) (r, t int64) {
	r = p.remaining(debt)
	if r >= int64(p.Burst) {
		return r, 0
	}
	return r, nextTokenSeconds(p, debt, r)
}

// shownT returns the t of bucketQuota raised where needed so that r/t ≤
// maxShownRatio × q/w. Raising t keeps r truthful — a client is never told
// it has run out while tokens are left — and a client that paces r
// requests over t seconds stays within ten times the average rate.
func shownT(p *Policy, r, t int64) int64 {
	if t > 0 && p.win() > maxShownRatio {
		// Otherwise r × w ≤ 10 × q, so the least t is at most 1 s, which
		// t (at least 1) already is: the 128-bit division is skipped.
		t = max(t, p.ratioSeconds(r, maxShownRatio))
	}
	return t
}

// capShown lowers r so that r/t ≤ maxShownRatio × q/w. A 429 uses it rather
// than raising t, because its t must equal Retry-After. The product
// 10 × q × t is taken in 128 bits: with a burst near the largest and a
// Retry-After of 1000 s it exceeds 64.
func capShown(p *Policy, r, t int64) int64 {
	hi, lo := bits.Mul64(maxShownRatio*uint64(p.Burst), uint64(t))
	if w := uint64(p.win()); hi < w {
		if q, _ := bits.Div64(hi, lo, w); q < uint64(r) {
			return int64(q)
		}
	}
	return r
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
