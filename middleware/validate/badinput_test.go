package validate_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fourxx/fourxx/internal/jsonpointer"
	"github.com/fourxx/fourxx/middleware/validate"
)

type Node struct {
	Name     string `json:"name" validate:"max=3"`
	Children []Node `json:"children" validate:"dive"`
}

type Prices struct {
	Price   float64   `json:"price"`
	Small   int8      `json:"small"`
	Count   uint      `json:"count"`
	Any     any       `json:"any"`
	Profile Profile   `json:"profile" validate:"required"`
	When    time.Time `json:"when"`
}

// None of these may panic or hang; each gets the status of its class.
func TestBadInput(t *testing.T) {
	deepArrays := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	deepNodes := strings.Repeat(`{"children":[`, 3000) + `{"name":"toolong"}` + strings.Repeat(`]}`, 3000)
	for _, tc := range []struct {
		name    string
		decode  func(string) (int, []string)
		body    string
		status  int
		pointer string // first error, when set
	}{
		{"10000 nested arrays", decodeAs[any], deepArrays, 400, ""},
		{"10000 nested arrays into a struct, MaxDepth 10000", decodeDeepAs[Order], deepArrays, 422, "#"},
		{"10001 nested arrays, MaxDepth 10000", decodeDeepAs[Order], "[" + deepArrays + "]", 400, ""},
		{"10000 nested arrays into any, MaxDepth 10000", decodeDeepAs[any], deepArrays, 0, ""},
		{"deep recursive type", decodeAs[Node], deepNodes, 400, ""},
		// a pointer is cut to the enclosing value whose pointer fits in 1024 bytes
		{"deep recursive type, MaxDepth 10000", decodeDeepAs[Node], deepNodes, 422, "#" + strings.Repeat("/children/0", 93)},
		{"huge float", decodeAs[Prices], `{"price":1e400}`, 422, "#/price"},
		{"huge integer", decodeAs[Prices], `{"small":300}`, 422, "#/small"},
		{"negative into uint", decodeAs[Prices], `{"count":-1}`, 422, "#/count"},
		{"huge number into any", decodeAs[Prices], `{"any":1e999}`, 422, "#/any"},
		{"long digit string", decodeAs[Prices], `{"count":` + strings.Repeat("9", 100000) + `}`, 422, "#/count"},
		{"duplicate keys", decodeAs[Profile], `{"color":"red","color":"blue"}`, 422, "#/color"},
		{"duplicate keys, escaped", decodeAs[map[string]int], `{"a":1,"\u0061":2}`, 422, "#/a"},
		{"many members, one duplicate", decodeAs[map[string]int], manyMembers(5000, true), 422, "#/k0"},
		{"many members", decodeAs[map[string]int], manyMembers(5000, false), 0, ""},
		{"30000 items with a type error and a rule failure each", decodeAs[Order], manyBadItems(30000), 422, "#/items/0/name"},
		{"invalid UTF-8 in a string", decodeAs[Profile], "{\"color\":\"r\xffd\"}", 400, ""},
		{"overlong UTF-8", decodeAs[Profile], "{\"color\":\"\xc0\xaf\"}", 400, ""},
		{"null for a required object", decodeAs[Prices], `{"profile":null}`, 422, "#/profile"},
		{"null document", decodeAs[Prices], `null`, 422, "#"},
		{"array where an object is expected", decodeAs[Prices], `{"profile":[{"color":"red"}]}`, 422, "#/profile"},
		{"array document", decodeAs[Prices], `[{"price":1}]`, 422, "#"},
		{"NaN string", decodeAs[Prices], `{"price":"NaN"}`, 422, "#/price"},
		{"Infinity string", decodeAs[Prices], `{"price":"Infinity"}`, 422, "#/price"},
		{"bare NaN", decodeAs[Prices], `{"price":NaN}`, 400, ""},
		{"bad time", decodeAs[Prices], `{"profile":{"color":"red"},"when":"yesterday"}`, 422, "#/when"},
		{"BOM is ignored", decodeAs[Profile], "\xef\xbb\xbf{\"color\":\"red\"}", 0, ""},
		{"BOM only", decodeAs[Profile], "\xef\xbb\xbf", 400, ""},
		{"NUL bytes", decodeAs[Profile], "{\"color\":\"red\"}\x00", 400, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan struct{})
			var status int
			var pointers []string
			go func() {
				defer close(done)
				status, pointers = tc.decode(tc.body)
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("decoding hangs")
			}
			if status != tc.status {
				t.Fatalf("status %d, want %d (%v)", status, tc.status, pointers)
			}
			if tc.pointer != "" && (len(pointers) == 0 || pointers[0] != tc.pointer) {
				t.Errorf("pointers %.200q, want first %.200q", pointers, tc.pointer)
			}
			for _, p := range pointers[:min(len(pointers), 3)] {
				if _, err := jsonpointer.Resolve([]byte(strings.TrimPrefix(tc.body, "\xef\xbb\xbf")), p); err != nil && !strings.HasSuffix(p, "/profile") {
					t.Errorf("%.100s does not resolve: %v", p, err)
				}
			}
		})
	}
}

func decodeAs[T any](body string) (int, []string) { return decodeWithAs[T](nil, body) }

// decodeDeepAs decodes with a Validator that accepts the deepest nesting
// encoding/json decodes.
func decodeDeepAs[T any](body string) (int, []string) { return decodeWithAs[T](deep, body) }

var deep = validate.New(validate.Options{MaxDepth: validate.MaxDepthLimit})

func decodeWithAs[T any](v *validate.Validator, body string) (int, []string) {
	_, err := validate.DecodeWith[T](v, newJSONRequest(body))
	if err == nil {
		return 0, nil
	}
	var out []string
	prob := asProblem(err)
	for _, fe := range prob.Errors {
		out = append(out, fe.Pointer)
	}
	return prob.Status, out
}

func manyMembers(n int, dup bool) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, `"k%d":%d,`, i, i)
	}
	if dup {
		b.WriteString(`"k0":1,`)
	}
	b.WriteString(`"end":0}`)
	return b.String()
}

// manyBadItems is an order of n items, each failing a rule (name) and a
// type (quantity): tens of thousands of validator and type errors.
func manyBadItems(n int) string {
	return `{"items":[` + strings.Repeat(`{"name":"","quantity":"x"},`, n-1) + `{"name":"","quantity":"x"}]}`
}

// A 50 MB chunked body against the 1 MiB limit is refused after reading
// little more than the limit.
func TestChunkedBodyOverLimit(t *testing.T) {
	srv := orderServer(t, nil)
	var sent atomic.Int64
	body := &generator{limit: 50 << 20, sent: &sent}
	req, _ := http.NewRequest(http.MethodPost, srv.URL, body)
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = -1 // chunked
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", resp.StatusCode)
	}
	if n := sent.Load(); n >= 50<<20 {
		t.Errorf("the whole body (%d bytes) was consumed", n)
	}
}

// generator yields a JSON string of limit bytes without holding it.
type generator struct {
	limit int64
	sent  *atomic.Int64
}

func (g *generator) Read(p []byte) (int, error) {
	n := g.sent.Load()
	if n >= g.limit {
		return 0, io.EOF
	}
	k := min(int64(len(p)), g.limit-n)
	for i := range p[:k] {
		p[i] = 'a'
	}
	if n == 0 {
		copy(p, `{"email":"`)
	}
	g.sent.Add(k)
	return int(k), nil
}

// A Content-Length that promises more than is sent ends in 400 when the
// client gives up; one that promises less cannot smuggle a larger body past
// the limit.
func TestLyingContentLength(t *testing.T) {
	srv := orderServer(t, nil)
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"email\":")
	conn.(*net.TCPConn).CloseWrite()
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no response: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("short body: status %d, want 400", resp.StatusCode)
	}

	r := newJSONRequest(`{"email":"` + strings.Repeat("a", 2<<20) + `"}`)
	r.ContentLength = 10
	if _, err := validate.Decode[Order](r); asProblem(err).Status != http.StatusRequestEntityTooLarge {
		t.Errorf("understated length: %v, want 413", err)
	}
	r = newJSONRequest(validOrder)
	r.ContentLength = 5 << 20
	if _, err := validate.Decode[Order](r); asProblem(err).Status != http.StatusRequestEntityTooLarge {
		t.Errorf("overstated length: %v, want 413", err)
	}
}

// A Content-Length is a claim, not a fact: announcing a large body (within
// the limit) and sending a small one must not make the server allocate
// what was announced.
func TestClaimedContentLengthIsNotPreallocated(t *testing.T) {
	v := validate.New(validate.Options{MaxBytes: 256 << 20})
	r := newJSONRequest(validOrder)
	r.ContentLength = 256 << 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := validate.DecodeWith[Order](v, r)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatalf("valid body: %v", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("allocated %d bytes for a %d-byte body", n, len(validOrder))
	}
}
