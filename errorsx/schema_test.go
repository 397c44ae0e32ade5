package errorsx_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
	"github.com/fourxx/fourxx/internal/problemschema"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var (
	absoluteOrPath = regexp.MustCompile(`^([a-z][a-z0-9+.-]*:|/)`)
	extensionName  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{2,}$`)
)

// TestEveryCodeValidatesAgainstAppendixA renders a problem for each of the
// 29 registered 4xx codes (and the common 5xx) through a real server, with
// and without a type base, and checks the RFC 9457 contract: schema, status
// equality (§3.1.2), bare media type (§3), absolute type and instance
// (§3.1.1, §3.1.5), reason-phrase titles (§4.2.1), extension names (§4).
func TestEveryCodeValidatesAgainstAppendixA(t *testing.T) {
	schema, err := problemschema.Compile()
	if err != nil {
		t.Fatal(err)
	}
	var statuses []int
	for _, c := range catalog.Standard().Entries() {
		statuses = append(statuses, c.Status)
	}
	for _, base := range []string{"", "https://api.example.com/problems/"} {
		rd := errorsx.NewRenderer(errorsx.Options{
			TypeBase: base,
			Instance: func(*http.Request) string { return "urn:uuid:5c7e1d2a-1b3c-4d5e-8f90-123456789abc" },
			Strict:   true,
		})
		// 418 is never sent: a non-Strict renderer answers it as 400.
		lenient := errorsx.NewRenderer(errorsx.Options{TypeBase: base, Logger: slog.New(slog.DiscardHandler),
			Instance: func(*http.Request) string { return "/requests/7" }})
		for _, status := range statuses {
			rd, sent := rd, status
			if status == 418 {
				rd, sent = lenient, 400
			}
			srv := serve(t, rd, func(*http.Request) error {
				return withRequiredHeaders(errorsx.New(status, "something specific went wrong").With("trace_id", "abc123"))
			})
			resp, err := http.Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != sent {
				t.Fatalf("%d: got status %d, want %d", status, resp.StatusCode, sent)
			}
			status := sent
			if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("%d: Content-Type %q", status, ct)
			}
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(body)))
			if err != nil {
				t.Fatalf("%d: body is not JSON: %v\n%s", status, err, body)
			}
			if err := schema.Validate(inst); err != nil {
				t.Errorf("%d: schema: %v\n%s", status, err, body)
			}
			var doc map[string]any
			_ = json.Unmarshal(body, &doc)
			if got, ok := doc["status"].(float64); !ok || int(got) != status {
				t.Errorf("%d: body status %v", status, doc["status"])
			}
			if !strings.Contains(string(body), `"status":`+itoa(status)+`,`) && !strings.HasSuffix(string(body), `"status":`+itoa(status)+`}`) {
				t.Errorf("%d: status is not written as a JSON integer: %s", status, body)
			}
			typ, _ := doc["type"].(string)
			if !absoluteOrPath.MatchString(typ) {
				t.Errorf("%d: type %q is not absolute", status, typ)
			}
			if inst, _ := doc["instance"].(string); !absoluteOrPath.MatchString(inst) {
				t.Errorf("%d: instance %q is not absolute", status, inst)
			}
			if doc["title"] != errorsx.ReasonPhrase(status) {
				t.Errorf("%d: title %v, want %q", status, doc["title"], errorsx.ReasonPhrase(status))
			}
			for name := range doc {
				switch name {
				case "type", "title", "status", "detail", "instance":
				default:
					if !extensionName.MatchString(name) {
						t.Errorf("%d: extension name %q breaks RFC 9457 §4", status, name)
					}
				}
			}
			wantType := "about:blank"
			if c, ok := catalog.Standard().ForStatus(status); base != "" && ok {
				wantType = base + c.Slug
			}
			if typ != wantType {
				t.Errorf("%d: type %q, want %q", status, typ, wantType)
			}
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
