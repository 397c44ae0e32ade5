package errorsx

import "time"

// SetLogClock makes rd's log limiter read the time from now.
func SetLogClock(rd *Renderer, now func() time.Time) { rd.limit.now = now }
