package auth

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzQueryToken checks queryToken against url.ParseQuery, whose reading of
// the query the application's own handlers share: the same number of
// access_token parameters, the same value when there is one, and a
// malformed query exactly when ParseQuery reports an error.
func FuzzQueryToken(f *testing.F) {
	for _, q := range []string{
		"", "access_token=t", "access_token=t&access_token=u", "access%5Ftoken=t", "%61ccess_token=a%20b+c",
		"access_token=", "a=1;b=2&access_token=t", "access_token=%zz", "%zz=1&access_token=t", "access_token",
		"&&access_token=t&&", "access_token=t=u", "access+token=t", strings.Repeat("&", maxQueryParams) + "access_token=t",
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		token, n, malformed := queryToken(raw)
		q, err := url.ParseQuery(raw)
		values := q["access_token"]
		if n != len(values) || malformed != (err != nil) || (n == 1 && token != values[0]) {
			t.Fatalf("queryToken(%q) = %q, %d, %v; url.ParseQuery gives %q, %v", raw, token, n, malformed, values, err)
		}
	})
}
