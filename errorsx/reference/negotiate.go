package reference

import (
	"net/http"

	"github.com/fourxx/fourxx/internal/httpsyntax"
)

// wantsJSON reports whether the client prefers application/json to
// text/html. A tie (no Accept, or */*) goes to HTML, the site's main form.
func wantsJSON(r *http.Request) bool {
	accept := r.Header["Accept"]
	if len(accept) == 0 {
		return false
	}
	return httpsyntax.Quality(accept, "application", "json") > httpsyntax.Quality(accept, "text", "html")
}
