package reference

import (
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/fourxx/fourxx/errorsx"
)

// An exampleRequest is the request a page's example response answers, and
// the problem a server built with fourxx would answer it with. Each problem
// is made by the constructor for its status, so the headers the status
// requires (WWW-Authenticate, Allow, Retry-After, Proxy-Authenticate,
// Upgrade …) are present. Where a component of the suite sends the status
// (the limiter's 429 under a policy of 10 requests a second, NotFound's
// 404, Methods' 405 and 501, Recover's 500), the problem is exactly the
// one it sends, which TestExamplesAreWhatTheMiddlewaresSend proves.
type exampleRequest struct {
	method, target string
	problem        func() *errorsx.Problem
}

var (
	bearerExpired = errorsx.Challenge{Scheme: "Bearer", Params: []errorsx.Param{
		{Name: "realm", Value: "api"},
		{Name: "error", Value: "invalid_token"},
		{Name: "error_description", Value: "The access token expired"},
	}}
	bearerScope = errorsx.Challenge{Scheme: "Bearer", Params: []errorsx.Param{
		{Name: "realm", Value: "api"},
		{Name: "error", Value: "insufficient_scope"},
		{Name: "scope", Value: "widgets:write"},
	}}
	proxyBasic = errorsx.Challenge{Scheme: "Basic", Params: []errorsx.Param{
		{Name: "realm", Value: "corporate proxy"},
	}}
)

// exampleRequests returns one example per documented code that may be sent
// (the 29 registered 4xx codes and the documented 5xx); 418 has none
// because it is never sent. The table is built on first use.
var exampleRequests = sync.OnceValue(func() map[int]exampleRequest {
	return map[int]exampleRequest{
		400: {"POST", "/v1/widgets", func() *errorsx.Problem {
			return errorsx.BadRequest("The request body is not valid JSON: unexpected end of input at line 3, column 1.")
		}},
		401: {"GET", "/v1/widgets", func() *errorsx.Problem {
			return errorsx.Unauthorized("The access token expired; obtain a new one and retry.", bearerExpired)
		}},
		402: {"GET", "/v1/reports/2024", func() *errorsx.Problem {
			return errorsx.New(http.StatusPaymentRequired, "This status is reserved for future use.")
		}},
		403: {"DELETE", "/v1/widgets/7", func() *errorsx.Problem {
			return errorsx.Forbidden("The token lacks the scope widgets:write.").
				WithHeader("WWW-Authenticate", bearerScope.String())
		}},
		404: {"GET", "/v1/widgets/7", func() *errorsx.Problem {
			return errorsx.NotFound(errorsx.NotFoundDetail)
		}},
		405: {"PATCH", "/v1/widgets/7", func() *errorsx.Problem {
			return errorsx.MethodNotAllowed("PATCH", "GET", "HEAD", "PUT", "DELETE")
		}},
		406: {"GET", "/v1/widgets/7", func() *errorsx.Problem {
			return errorsx.New(http.StatusNotAcceptable, "This resource is available as application/json and text/csv only.")
		}},
		407: {"GET", "http://api.example.com/v1/widgets", func() *errorsx.Problem {
			return errorsx.New(http.StatusProxyAuthRequired, "The proxy requires credentials.").
				WithHeader("Proxy-Authenticate", proxyBasic.String())
		}},
		408: {"POST", "/v1/uploads", func() *errorsx.Problem {
			return errorsx.New(http.StatusRequestTimeout, "The request was not completed in time; send it again.").
				WithHeader("Connection", "close")
		}},
		409: {"PUT", "/v1/widgets/7", func() *errorsx.Problem {
			return errorsx.New(http.StatusConflict, "A widget named \"blue gear\" already exists.")
		}},
		410: {"GET", "/v1/legacy/widgets", func() *errorsx.Problem {
			return errorsx.New(http.StatusGone, "The v0 API was retired; use /v1/widgets.")
		}},
		411: {"POST", "/v1/uploads", func() *errorsx.Problem {
			return errorsx.New(http.StatusLengthRequired, "Send the body with a Content-Length.")
		}},
		412: {"PUT", "/v1/widgets/7", func() *errorsx.Problem {
			return errorsx.New(http.StatusPreconditionFailed, "The widget changed since you read it (If-Match did not match); fetch it again.")
		}},
		413: {"POST", "/v1/widgets", func() *errorsx.Problem {
			return errorsx.ContentTooLarge(1 << 20)
		}},
		414: {"GET", "/v1/widgets?ids=1,2,3,4,5,6,7,8,9,10", func() *errorsx.Problem {
			return errorsx.New(http.StatusRequestURITooLong, "The URI is longer than 8192 bytes; send the list in a POST body.")
		}},
		415: {"POST", "/v1/widgets", func() *errorsx.Problem {
			return errorsx.UnsupportedMediaType("The body must be JSON.", "application/json")
		}},
		416: {"GET", "/v1/exports/7.csv", func() *errorsx.Problem {
			return errorsx.New(http.StatusRequestedRangeNotSatisfiable, "The file has 5120 bytes; the requested range starts after its end.").
				WithHeader("Content-Range", "bytes */5120")
		}},
		417: {"PUT", "/v1/uploads/7", func() *errorsx.Problem {
			return errorsx.New(http.StatusExpectationFailed, "This server does not support Expect: 100-continue here; send the body directly.")
		}},
		421: {"GET", "/v1/widgets", func() *errorsx.Problem {
			return errorsx.New(http.StatusMisdirectedRequest, "This connection cannot serve api.example.org; open a new connection.")
		}},
		422: {"POST", "/v1/widgets", func() *errorsx.Problem {
			return errorsx.UnprocessableContent("The widget has 2 invalid fields.",
				errorsx.FieldError{Detail: "must be one of red, green, blue", Pointer: "#/color", Code: "oneof"},
				errorsx.FieldError{Detail: "must be at most 1000", Pointer: "#/quantity", Code: "max"})
		}},
		423: {"PUT", "/v1/documents/7", func() *errorsx.Problem {
			return errorsx.New(http.StatusLocked, "The document is locked by another user; submit the lock token or wait.")
		}},
		424: {"POST", "/v1/batches", func() *errorsx.Problem {
			return errorsx.New(http.StatusFailedDependency, "Step 2 was not run because step 1 failed.")
		}},
		425: {"POST", "/v1/orders", func() *errorsx.Problem {
			return errorsx.New(http.StatusTooEarly, "This request was sent in TLS early data; send it again after the handshake.")
		}},
		426: {"GET", "/v1/widgets", func() *errorsx.Problem {
			return errorsx.New(http.StatusUpgradeRequired, "This API is served over HTTP/2 only.").
				WithHeader("Upgrade", "HTTP/2").
				WithHeader("Connection", "Upgrade")
		}},
		428: {"PUT", "/v1/widgets/7", func() *errorsx.Problem {
			return errorsx.New(http.StatusPreconditionRequired, "Send If-Match with the widget's ETag so concurrent updates are not lost.")
		}},
		429: {"GET", "/v1/widgets", func() *errorsx.Problem {
			return errorsx.TooManyRequests(time.Second, `Too many requests under rate-limit policy "default"; retry in 1 s.`).
				With("violated_policies", []string{"default"}).
				WithHeader("RateLimit", `"default";r=0;t=1`).
				WithHeader("RateLimit-Policy", `"default";q=10;w=1`)
		}},
		431: {"GET", "/v1/widgets", func() *errorsx.Problem {
			return errorsx.New(http.StatusRequestHeaderFieldsTooLarge, "The Cookie field is larger than 4096 bytes.")
		}},
		451: {"GET", "/v1/articles/7", func() *errorsx.Problem {
			return errorsx.New(http.StatusUnavailableForLegalReasons, "This article is unavailable in your country because of a court order.").
				WithHeader("Link", `<https://authority.example/orders/7>; rel="blocked-by"`)
		}},
		500: {"GET", "/v1/widgets/7", func() *errorsx.Problem {
			return errorsx.InternalServerError(errors.New("widget store: connection reset"))
		}},
		501: {"BREW", "/v1/widgets", func() *errorsx.Problem { return errorsx.NotImplemented("BREW") }},
		502: {"GET", "/v1/widgets", func() *errorsx.Problem { return errorsx.New(http.StatusBadGateway, "") }},
		503: {"GET", "/v1/widgets", func() *errorsx.Problem {
			return errorsx.ServiceUnavailable(5*time.Second, errors.New("identity provider timed out"))
		}},
		504: {"GET", "/v1/reports/7", func() *errorsx.Problem { return errorsx.New(http.StatusGatewayTimeout, "") }},
	}
})
