package middleware

import "github.com/fourxx/fourxx/errorsx"

// rendererOr returns rd, or the package default when rd is nil.
func rendererOr(rd *errorsx.Renderer) *errorsx.Renderer {
	if rd != nil {
		return rd
	}
	return errorsx.Default()
}
