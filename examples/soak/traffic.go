package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A kind of request: how to send one, and every status it may get. Status
// 0 means no response was expected (the client abandoned the request).
type kind struct {
	name  string
	allow []int
	// pace is the least time between two requests of this kind from one
	// worker; zero sends flat out.
	pace time.Duration
	send func(ctx context.Context, d *driver) (int, error)
}

// Credentials of the demo (examples/server/credentials.go).
var (
	reader = "Bearer reader-token"
	writer = "Bearer writer-token"
	admin  = "Bearer admin-token"
	alice  = "Basic " + base64.StdEncoding.EncodeToString([]byte("alice:alice-password"))
)

const validBody = `{"name":"sprocket","color":"red","quantity":3}`

// Every /v1/ request may also be refused by the rate limiter.
const tooMany = http.StatusTooManyRequests

// kinds is the traffic mix. The paces keep each verified client (reader,
// writer) under the soak's limit of serverRate per second, so its requests
// reach the handlers; the client over its limit (alice) and the anonymous
// ones are sent flat out.
func kinds() []kind {
	return []kind{
		{name: "list", allow: []int{200, tooMany}, pace: 20 * time.Millisecond,
			send: get("/v1/widgets?limit=5", reader)},
		{name: "create+delete", allow: []int{201, 204, tooMany}, pace: 40 * time.Millisecond,
			send: createAndDelete},
		{name: "get missing", allow: []int{404, tooMany}, pace: 20 * time.Millisecond,
			send: get("/v1/widgets/999999", reader)},
		{name: "over limit (flat out)", allow: []int{200, tooMany},
			send: get("/v1/widgets?limit=1", alice)},
		{name: "malformed JSON", allow: []int{400, tooMany}, pace: 30 * time.Millisecond,
			send: post("/v1/widgets", writer, "application/json", `{"name":`)},
		{name: "invalid values", allow: []int{422, tooMany}, pace: 30 * time.Millisecond,
			send: post("/v1/widgets", writer, "application/json", `{"name":"","color":"purple","quantity":"ten","owner":{"email":"x"}}`)},
		{name: "wrong media type", allow: []int{415, tooMany}, pace: 30 * time.Millisecond,
			send: post("/v1/widgets", writer, "text/plain", "sprocket")},
		{name: "wrong method", allow: []int{405, tooMany}, pace: 30 * time.Millisecond,
			send: do(http.MethodPatch, "/v1/widgets", writer, "", "")},
		{name: "unknown method", allow: []int{501},
			send: do("BREW", "/", "", "", "")},
		{name: "no route", allow: []int{404},
			send: get("/no/such/path", "")},
		{name: "reference page", allow: []int{200},
			send: get("/problems/too-many-requests", "")},
		{name: "unauthenticated", allow: []int{401, tooMany},
			send: get("/v1/widgets", "")},
		{name: "wrong credentials", allow: []int{401, tooMany},
			send: get("/v1/widgets", "Basic "+base64.StdEncoding.EncodeToString([]byte("alice:guess")))},
		{name: "malformed credentials", allow: []int{400, tooMany},
			send: get("/v1/widgets", "Bearer")},
		{name: "oversized body", allow: []int{413, tooMany}, pace: 100 * time.Millisecond,
			send: oversized(false)},
		{name: "oversized chunked body", allow: []int{413, tooMany}, pace: 100 * time.Millisecond,
			send: oversized(true)},
		{name: "oversized header", allow: []int{431}, pace: 100 * time.Millisecond,
			send: oversizedHeader},
		{name: "slow body", allow: []int{201, 204, tooMany}, pace: 100 * time.Millisecond,
			send: slowBody},
		{name: "slow headers", allow: []int{200, tooMany}, pace: 100 * time.Millisecond,
			send: slowHeaders},
		{name: "half-close", allow: []int{200, tooMany}, pace: 20 * time.Millisecond,
			send: halfClose},
		{name: "abandoned body", allow: []int{0}, pace: 50 * time.Millisecond,
			send: abandon},
		{name: "panic (asked for)", allow: []int{500}, pace: 50 * time.Millisecond,
			send: get("/debug/panic", "")},
	}
}

// driver sends the traffic and counts the answers.
type driver struct {
	base   string
	host   string
	client *http.Client
	tally  *tally
	sent   atomic.Int64
}

func newDriver(base string) *driver {
	u, _ := url.Parse(base)
	tr := &http.Transport{MaxIdleConnsPerHost: 64, ResponseHeaderTimeout: 20 * time.Second}
	return &driver{base: base, host: u.Host, tally: newTally(),
		client: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

// drive sends every kind of request until the deadline, ctx's end or
// maxRequests: a kind sent flat out from flatOut clients at once, a paced
// kind from one client, so slow kinds do not hold the others back.
func (d *driver) drive(ctx context.Context, deadline time.Time, flatOut int, maxRequests int64) {
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	var wg sync.WaitGroup
	for _, k := range kinds() {
		clients := 1
		if k.pace == 0 {
			clients = flatOut
		}
		for range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for ctx.Err() == nil && d.sent.Add(1) <= maxRequests {
					next := time.Now().Add(k.pace)
					status, err := k.send(ctx, d)
					if err != nil && (ctx.Err() != nil || !time.Now().Before(deadline)) {
						// Cut off by the deadline, not the server's doing. (A
						// socket's own timer can fire a moment before ctx's.)
						return
					}
					d.tally.add(k, status, err)
					time.Sleep(time.Until(next))
				}
			}()
		}
	}
	wg.Wait()
}

// idle closes the client's idle connections, so the server can end theirs.
func (d *driver) idle() { d.client.CloseIdleConnections() }

// reset starts a new tally (after the warm-up).
func (d *driver) reset() { d.tally = newTally(); d.sent.Store(0) }

func (d *driver) close() { d.client.CloseIdleConnections() }

// roundTrip sends req and reads the whole response.
func (d *driver) roundTrip(req *http.Request) (int, http.Header, []byte, error) {
	res, err := d.client.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, body, err
}

func do(method, path, authorization, contentType, body string) func(context.Context, *driver) (int, error) {
	return func(ctx context.Context, d *driver) (int, error) {
		var r io.Reader
		if body != "" {
			r = strings.NewReader(body)
		}
		req, err := http.NewRequestWithContext(ctx, method, d.base+path, r)
		if err != nil {
			return 0, err
		}
		if authorization != "" {
			req.Header.Set("Authorization", authorization)
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		status, _, _, err := d.roundTrip(req)
		return status, err
	}
}

func get(path, authorization string) func(context.Context, *driver) (int, error) {
	return do(http.MethodGet, path, authorization, "", "")
}

func post(path, authorization, contentType, body string) func(context.Context, *driver) (int, error) {
	return do(http.MethodPost, path, authorization, contentType, body)
}

// createAndDelete creates a widget and deletes it again, so the demo's
// in-memory store does not grow with the traffic; a refused delete is
// retried after Retry-After.
func createAndDelete(ctx context.Context, d *driver) (int, error) {
	return createThenDelete(ctx, d, strings.NewReader(validBody))
}

func createThenDelete(ctx context.Context, d *driver, body io.Reader) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.base+"/v1/widgets", body)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", writer)
	req.Header.Set("Content-Type", "application/json")
	status, h, _, err := d.roundTrip(req)
	if err != nil || status != http.StatusCreated {
		return status, err
	}
	for {
		// The delete uses a context of its own: a widget left behind by the
		// deadline would look like heap growth.
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		del, _ := http.NewRequestWithContext(dctx, http.MethodDelete, d.base+h.Get("Location"), nil)
		del.Header.Set("Authorization", admin)
		status, dh, _, err := d.roundTrip(del)
		cancel()
		if err != nil || status != tooMany {
			return status, err
		}
		wait, _ := time.ParseDuration(dh.Get("Retry-After") + "s")
		time.Sleep(max(wait, 10*time.Millisecond))
	}
}

// oversized sends a 2 MiB body against the demo's 1 MiB cap, with its
// length declared or chunked.
func oversized(chunked bool) func(context.Context, *driver) (int, error) {
	big := bytes.Repeat([]byte(" "), 2<<20)
	return func(ctx context.Context, d *driver) (int, error) {
		var body io.Reader = bytes.NewReader(big)
		if chunked {
			body = io.MultiReader(body) // hides the length: sent chunked
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.base+"/v1/widgets", body)
		if err != nil {
			return 0, err
		}
		req.Header.Set("Authorization", writer)
		req.Header.Set("Content-Type", "application/json")
		status, _, _, err := d.roundTrip(req)
		return status, err
	}
}

// oversizedHeader sends a header section over the demo's 64 KiB limit.
func oversizedHeader(ctx context.Context, d *driver) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, d.base+"/v1/widgets", nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("X-Padding", strings.Repeat("a", 100<<10))
	status, _, _, err := d.roundTrip(req)
	return status, err
}

// trickle is a body that arrives in pieces, a pause before each.
type trickle struct {
	parts [][]byte
	pause time.Duration
}

func (t *trickle) Read(p []byte) (int, error) {
	if len(t.parts) == 0 {
		return 0, io.EOF
	}
	time.Sleep(t.pause)
	n := copy(p, t.parts[0])
	if t.parts[0] = t.parts[0][n:]; len(t.parts[0]) == 0 {
		t.parts = t.parts[1:]
	}
	return n, nil
}

// slowBody creates (and deletes) a widget whose body arrives in four
// pieces over 0.4 s.
func slowBody(ctx context.Context, d *driver) (int, error) {
	b := []byte(validBody)
	q := len(b) / 4
	body := &trickle{parts: [][]byte{b[:q], b[q : 2*q], b[2*q : 3*q], b[3*q:]}, pause: 100 * time.Millisecond}
	return createThenDelete(ctx, d, body)
}

// dial opens a raw connection that gives up after 20 s.
func (d *driver) dial(ctx context.Context) (net.Conn, error) {
	var dialer net.Dialer
	c, err := dialer.DialContext(ctx, "tcp", d.host)
	if err != nil {
		return nil, err
	}
	return c, c.SetDeadline(time.Now().Add(20 * time.Second))
}

func readStatus(c net.Conn) (int, error) {
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	_, err = io.Copy(io.Discard, res.Body)
	return res.StatusCode, err
}

// slowHeaders writes a request's header section in pieces over 0.3 s.
func slowHeaders(ctx context.Context, d *driver) (int, error) {
	c, err := d.dial(ctx)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	for _, part := range []string{"GET /v1/widgets?limit=1 HTTP/1.1\r\n", "Host: " + d.host + "\r\n",
		"Authorization: " + reader + "\r\n", "Connection: close\r\n\r\n"} {
		if _, err := io.WriteString(c, part); err != nil {
			return 0, err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return readStatus(c)
}

// halfClose sends a request, closes its side of the connection at once
// (CloseWrite, as some clients and proxies do) and reads the answer.
func halfClose(ctx context.Context, d *driver) (int, error) {
	c, err := d.dial(ctx)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	if _, err := fmt.Fprintf(c, "GET /v1/widgets?limit=1 HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\n\r\n", d.host, reader); err != nil {
		return 0, err
	}
	if err := c.(*net.TCPConn).CloseWrite(); err != nil {
		return 0, err
	}
	return readStatus(c)
}

// abandon declares a 1000-byte body, sends 10 bytes of it and closes the
// connection: no answer is expected, and the server must free what it held.
func abandon(ctx context.Context, d *driver) (int, error) {
	c, err := d.dial(ctx)
	if err != nil {
		return 0, err
	}
	_, err = fmt.Fprintf(c, "POST /v1/widgets HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"name\":\"a", d.host, writer)
	c.Close()
	return 0, err
}
