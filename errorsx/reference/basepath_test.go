package reference

import "testing"

func TestBasePathOf(t *testing.T) {
	for in, want := range map[string]string{
		"":                                "/problems/",
		"https://api.example.com/":        "/problems/",
		"https://api.example.com/errors/": "/errors/",
		"http://127.0.0.1:8080/problems/": "/problems/",
		"/docs/problems/":                 "/docs/problems/",
		"%zz":                             "/problems/",
	} {
		if got := basePathOf(in); got != want {
			t.Errorf("basePathOf(%q) = %q, want %q", in, got, want)
		}
	}
}
