package middleware_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/middleware"
)

// TestBadConfigurationPanics: every constructor refuses a programming error
// in its options at construction, the way http.ServeMux.Handle does, with a
// message "middleware: <Field>: <why>".
func TestBadConfigurationPanics(t *testing.T) {
	tests := []struct {
		name       string
		build      func()
		wantPrefix string
	}{
		{"BodyLimit without MaxBytes", func() { middleware.BodyLimit(middleware.BodyLimitOptions{}) }, "middleware: MaxBytes: "},
		{"ContentType without Accept", func() { middleware.ContentType(middleware.ContentTypeOptions{}) }, "middleware: Accept: "},
		{"ContentType with a bad type", func() {
			middleware.ContentType(middleware.ContentTypeOptions{Accept: []string{"json"}})
		}, "middleware: Accept: "},
		{"Produces without Types", func() { middleware.Produces(middleware.ProducesOptions{}) }, "middleware: Types: "},
		{"Produces with a wildcard", func() {
			middleware.Produces(middleware.ProducesOptions{Types: []string{"application/*"}})
		}, "middleware: Types: "},
		{"Methods with a bad Known", func() {
			middleware.Methods(middleware.MethodsOptions{Known: []string{"G ET"}}, "GET")
		}, "middleware: Known: "},
		{"Methods with a bad method", func() { middleware.Methods(middleware.MethodsOptions{}, "GET\n") }, "middleware: Methods: "},
		{"Normalize with a header-splitting Challenge", func() {
			middleware.Normalize(middleware.NormalizeOptions{Challenge: "Bearer\r\nSet-Cookie: x=1"})
		}, "middleware: Challenge: "},
		{"Normalize with a Challenge without a scheme", func() {
			middleware.Normalize(middleware.NormalizeOptions{Challenge: `realm="x"`})
		}, "middleware: Challenge: "},
		{"Normalize with a bad Known", func() {
			middleware.Normalize(middleware.NormalizeOptions{Known: []string{""}})
		}, "middleware: Known: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				msg := fmt.Sprint(recover())
				if !strings.HasPrefix(msg, tt.wantPrefix) {
					t.Fatalf("panic %q, want one starting %q", msg, tt.wantPrefix)
				}
			}()
			tt.build()
		})
	}
}
