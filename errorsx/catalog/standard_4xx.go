package catalog

// standard4xx lists every registered 4xx code (RFC 9110 §15.5 and the RFCs that
// registered 423–425, 428, 429, 431 and 451), in numeric order.
var standard4xx = []Entry{
	{
		Status: 400, Title: "Bad Request", Slug: "bad-request",
		Reference: "RFC 9110 §15.5.1", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		RetryInvited: false, HeuristicallyCacheable: false,
		Summary: "The server cannot read the request as sent: its syntax, framing or parameters are malformed.",
		Meaning: "The server will not process the request because of something it sees as a client error: malformed syntax, broken message framing, or a rule no more specific 4xx code covers. " +
			"400 vs 422: use 400 when the server cannot parse the request (broken JSON, a query parameter of the wrong type); when it parses the content fine but the values are invalid, 422 Unprocessable Content is the precise answer. " +
			"Clients must treat any 4xx code they do not recognise as 400.",
		Causes: []string{
			"The JSON body is malformed: a trailing comma, an unquoted key, single quotes, or a truncated document",
			"A query or path parameter cannot be parsed, e.g. limit=ten where an integer is expected",
			"The body does not match its declared Content-Type, such as form data sent as application/json",
			"A required query parameter or header is missing, or one that may appear once is duplicated",
			"A Bearer token is sent in two places at once (header and query), which RFC 6750 calls invalid_request",
			"A header value contains invalid characters, or Content-Length and Transfer-Encoding disagree",
		},
		Fixes: []string{
			"Read the problem's detail and errors list: they name the parameter, or the line and column where parsing failed",
			"Build the body with a JSON encoder instead of string concatenation, and check it against the documented format",
			"Send each parameter once, with the type the API documents",
		},
		Retry: "Not unchanged: the same request fails the same way. Fix it, then send it again.",
		Keywords: []string{
			"bad request", "malformed", "malformed json", "invalid json", "bad json", "broken json", "json syntax",
			"syntax error", "parse error", "cannot parse", "unparseable", "unexpected end of json input",
			"trailing comma", "invalid character", "invalid query parameter", "missing body", "request body is missing", "empty body", "bad parameter", "invalid_request", "garbled body",
		},
	},
	{
		Status: 401, Title: "Unauthorized", Slug: "unauthorized",
		Reference: "RFC 9110 §15.5.2", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
		RequiredHeaders: []string{"WWW-Authenticate"}, RecommendedHeaders: nil,
		CacheControl: "no-store", RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The request carries no valid credentials (token, password, API key): authenticate, or re-authenticate, and try again.",
		Meaning: "The request lacks credentials, or the ones it carries (token, password, API key) are invalid, expired or revoked, so the server does not know who is calling; despite its name, 401 means unauthenticated. " +
			"The response MUST carry a WWW-Authenticate header with at least one challenge telling the client how to authenticate. " +
			"401 vs 403: 401 says who you are is not established and valid credentials may fix it; 403 says the server knows (or does not need) your identity and refuses, so logging in again as the same identity will not help.",
		Causes: []string{
			"The access token expired (check its exp claim) or was revoked",
			"No Authorization header was sent, or a proxy, CDN or cross-host redirect stripped it",
			"The scheme is wrong: a bare token, or Token abc, where the server expects Bearer abc",
			"Invalid credentials: a wrong username or password, a mistyped or rotated API key",
			"The token was issued for another audience or issuer, or signed with a key the server no longer trusts",
			"The client clock is skewed, so a fresh token looks expired or not yet valid",
		},
		Fixes: []string{
			"Read WWW-Authenticate: it names the scheme and realm and, for Bearer, error=\"invalid_token\" with a description",
			"Refresh or re-acquire the token and send Authorization: Bearer <token>",
			"Make sure the Authorization header survives proxies and redirects (many clients drop it on a redirect to another host)",
			"Synchronise the client clock (NTP) when tokens fail right after they are issued",
		},
		Retry: "Yes, with new or corrected credentials. The same credentials fail again.",
		Keywords: []string{
			"unauthorized", "unauthenticated", "authentication failed", "not authenticated", "login", "login required",
			"login failed", "authorization header", "missing authorization header",
			"not logged in", "log in", "sign in", "token expired", "expired token", "invalid token", "bad token",
			"missing token", "no token", "jwt", "jwt expired", "bearer token", "access token", "api key",
			"missing api key", "invalid api key", "invalid credentials", "wrong credentials", "wrong password",
			"bad password", "session expired", "www-authenticate", "invalid signature", "who are you",
			"does not know who you are",
		},
	},
	{
		Status: 402, Title: "Payment Required", Slug: "payment-required",
		Reference: "RFC 9110 §15.5.3", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.3",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		RetryInvited: false, HeuristicallyCacheable: false,
		Summary: "Reserved for future use; some commercial APIs send it when billing blocks a request.",
		Meaning: "RFC 9110 reserves 402 for future use and gives it no semantics. " +
			"Some commercial APIs send it anyway when an account's payment, plan or credit blocks the request, and then only the response body explains what to do. " +
			"A standards-following API does not send it; it uses 403 or 429 with a problem type that names the billing condition.",
		Causes: []string{
			"The subscription lapsed or the payment method was declined (in APIs that use 402 this way)",
			"Prepaid credit or the paid plan's allowance ran out",
			"The feature belongs to a higher pricing tier than the account's plan",
		},
		Fixes: []string{
			"Read the body and the API's documentation: 402 has no standard meaning",
			"Settle the billing or change the plan in the provider's dashboard",
		},
		Retry: "Only after the billing condition changes; 402 itself defines no retry behaviour.",
		Keywords: []string{
			"payment", "payment required", "billing", "subscription", "subscription expired", "pricing plan",
			"out of credit", "credits", "paywall", "card declined", "paid feature", "reserved",
		},
	},
	{
		Status: 403, Title: "Forbidden", Slug: "forbidden",
		Reference: "RFC 9110 §15.5.4", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
		RequiredHeaders: nil, RecommendedHeaders: []string{"WWW-Authenticate"},
		CacheControl: "no-store", RetryInvited: false, HeuristicallyCacheable: false,
		Summary: "The server knows who is asking (or does not need to) and refuses: the caller lacks permission.",
		Meaning: "The server understood the request and refuses it: the caller is authenticated but lacks the permission, role or scope, or the request is refused for a reason no credentials can change (an IP allow-list, a suspended account). " +
			"403 vs 401: 401 says the credentials are missing or invalid and authenticating may fix it; 403 says valid credentials are not enough, so re-authenticating as the same identity will not help. " +
			"A server may answer 404 instead to hide that the resource exists, and a Bearer token that lacks a scope gets 403 with error=\"insufficient_scope\" in WWW-Authenticate.",
		Causes: []string{
			"The user's role or group lacks permission for the action, e.g. a read-only user calling DELETE",
			"The OAuth token is valid but lacks the required scope (insufficient_scope)",
			"The resource belongs to another user, organisation or tenant",
			"The client IP or network is not on the allow-list, or a firewall (WAF) rule blocked the request",
			"The account is suspended or unverified, or the API key is restricted to other endpoints",
			"A CSRF token is missing or does not match the session",
		},
		Fixes: []string{
			"Check the roles, scopes or ACL entries granted to the identity, and request the missing scope when obtaining the token",
			"Use an account that owns the resource or has been granted access to it",
			"Ask the API owner for access instead of retrying: the answer will not change on its own",
		},
		Retry: "Not with the same credentials: the decision stands. It can succeed once permissions are granted, or with another identity.",
		Keywords: []string{
			"forbidden", "permission", "permission denied", "no permission", "missing permission", "access denied",
			"not allowed to access", "not authorized", "not permitted", "insufficient scope", "missing scope",
			"scope", "role", "missing role", "admin only", "acl", "ip blocked", "blocked ip", "ip allowlist",
			"waf", "csrf", "csrf token", "account suspended", "wrong tenant",
		},
	},
	{
		Status: 404, Title: "Not Found", Slug: "not-found",
		Reference: "RFC 9110 §15.5.5", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		RetryInvited: false, HeuristicallyCacheable: true,
		Summary: "Nothing exists at this URI, or the server will not reveal that something does.",
		Meaning: "The origin server has no current representation for the target resource, or is unwilling to disclose that one exists. " +
			"404 vs 410: 404 says nothing about whether the absence is temporary or permanent, while 410 Gone says the resource was removed on purpose and for good. " +
			"Servers may also send 404 instead of 403 to hide a resource from callers who may not see it. 404 is heuristically cacheable, so a cache may keep it without explicit freshness.",
		Causes: []string{
			"A typo in the path, a wrong API version prefix (/v1 vs /v2) or a wrong base URL",
			"The resource ID does not exist, or the resource was deleted",
			"A trailing slash or a difference in letter case that the router treats as another path",
			"The route is not deployed in this environment (staging vs production)",
			"The server hides a resource you are not allowed to see (404 instead of 403)",
		},
		Fixes: []string{
			"Compare the URL with the API documentation: base URL, version prefix, path and trailing slash",
			"List or search the collection to confirm the ID exists",
			"If the resource should be visible to you, check your permissions: the server may be hiding it",
		},
		Retry: "Unchanged, only when the resource is expected to appear (just created elsewhere, replication lag); otherwise fix the URL.",
		Keywords: []string{
			"not found", "no such resource", "does not exist", "doesn't exist", "missing resource", "unknown route",
			"no route", "no handler", "wrong url", "wrong path", "unknown id", "record not found", "no such",
			"dead link", "broken link", "typo in url", "page not found",
		},
	},
	{
		Status: 405, Title: "Method Not Allowed", Slug: "method-not-allowed",
		Reference: "RFC 9110 §15.5.6", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
		RequiredHeaders: []string{"Allow"}, RecommendedHeaders: nil,
		CacheControl: "no-cache", RetryInvited: true, HeuristicallyCacheable: true,
		Summary: "The resource exists but does not support this HTTP method; Allow lists the ones it does.",
		Meaning: "The server knows the request method but the target resource does not support it, e.g. DELETE on a read-only collection. " +
			"The response MUST carry an Allow header listing the methods the resource currently supports; an empty Allow means the resource accepts none. " +
			"A method the server does not recognise at all is 501 Not Implemented, not 405. 405 is heuristically cacheable, so a server whose allowed methods change at runtime sends explicit Cache-Control.",
		Causes: []string{
			"POST sent to a resource that only accepts GET, or PUT where the API expects PATCH",
			"An item method used on the collection URL, e.g. DELETE /users instead of DELETE /users/42",
			"An HTML form or a client library defaulting to GET or POST",
			"A CORS preflight (OPTIONS) reaching a route that does not handle OPTIONS",
			"The resource is read-only in this deployment or in its current state",
		},
		Fixes: []string{
			"Read the Allow header and use one of the methods it lists",
			"Check whether the operation belongs on another URL (the item rather than the collection)",
			"Configure the client or the form to send the intended method",
		},
		Retry: "Only with a method listed in Allow; the same method fails again.",
		Keywords: []string{
			"method not allowed", "wrong method", "wrong verb", "http method", "verb", "unsupported method",
			"get not allowed", "post not allowed", "put not allowed", "delete not allowed", "patch not allowed",
			"allow header", "options request", "cors preflight", "read only",
		},
	},
	{
		Status: 406, Title: "Not Acceptable", Slug: "not-acceptable",
		Reference: "RFC 9110 §15.5.7", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.7",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The server cannot answer in any format that the request's Accept headers allow.",
		Meaning: "Proactive content negotiation failed: the target resource has no representation that matches the request's Accept, Accept-Language, Accept-Encoding or Accept-Charset, and the server is unwilling to send a default. " +
			"The server should list the available representations in the body; many servers instead ignore an unmatched Accept and send their default format, which RFC 9110 allows. " +
			"406 is about the format the client wants back; 415 Unsupported Media Type is about the format of the body the client sends.",
		Causes: []string{
			"Accept names only a type the API does not produce, e.g. Accept: application/xml on a JSON-only API",
			"A typo or invalid value in Accept (application/jsn), or q=0 weights that exclude everything",
			"Accept-Language or Accept-Encoding allows only variants the server does not have",
			"An HTTP client library sends a restrictive default Accept header",
		},
		Fixes: []string{
			"Send Accept: application/json, or */*, or another type the documentation lists",
			"Read the body: it should list the representations that are available",
			"Add a low-priority wildcard such as */*;q=0.1 so the server can fall back to its default",
		},
		Retry: "Yes, with Accept headers that include an available representation.",
		Keywords: []string{
			"not acceptable", "accept header", "wrong accept header", "content negotiation", "negotiation failed",
			"response format", "xml not supported", "accept-language", "accept-encoding", "accept-charset",
			"no matching representation",
		},
	},
	{
		Status: 407, Title: "Proxy Authentication Required", Slug: "proxy-authentication-required",
		Reference: "RFC 9110 §15.5.8", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.8",
		RequiredHeaders: []string{"Proxy-Authenticate"}, RecommendedHeaders: nil,
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "A proxy between the client and the server wants credentials before it forwards the request.",
		Meaning: "Like 401, but sent by a proxy: the client must authenticate with the proxy itself. " +
			"The response MUST carry a Proxy-Authenticate header with a challenge, and the client answers with a Proxy-Authorization header. " +
			"Only proxies send 407; an origin server or API middleware never does, so receiving it means a forward or corporate proxy sits in the path.",
		Causes: []string{
			"A corporate or forward proxy requires authentication and the client sent no Proxy-Authorization",
			"The proxy credentials in HTTPS_PROXY or HTTP_PROXY are wrong, expired, or not percent-encoded",
			"Credentials meant for the proxy were sent in Authorization, which goes to the origin server",
			"The proxy demands a scheme the client does not support, such as NTLM or Negotiate",
		},
		Fixes: []string{
			"Configure the proxy credentials in the client or the environment, e.g. HTTPS_PROXY=http://user:pass@proxy:3128 with special characters percent-encoded",
			"Read Proxy-Authenticate for the scheme and realm the proxy expects",
			"Exclude internal hosts from the proxy with NO_PROXY where appropriate",
		},
		Retry: "Yes, with a Proxy-Authorization header the proxy accepts.",
		Keywords: []string{
			"proxy", "proxy auth", "proxy authentication", "proxy login", "proxy password", "corporate proxy",
			"proxy-authenticate", "proxy-authorization", "https_proxy", "http_proxy", "ntlm", "squid",
		},
	},
	{
		Status: 408, Title: "Request Timeout", Slug: "request-timeout",
		Reference: "RFC 9110 §15.5.9", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.9",
		RequiredHeaders: nil, RecommendedHeaders: []string{"Connection"},
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The server gave up waiting for the client to finish sending the request.",
		Meaning: "The server did not receive a complete request message within the time it was prepared to wait, and usually closes the connection (Connection: close). " +
			"It is about the client being slow to send, not the server being slow to answer; a slow upstream shows up as 504 from a gateway or as a timeout in the client. " +
			"The client may repeat the request, on a new connection if the old one was closed.",
		Causes: []string{
			"A slow or stalled upload: the body arrives more slowly than the server's read timeout allows",
			"Content-Length promises more bytes than the client actually sends",
			"A keep-alive connection sat idle and the server timed it out just as a request started",
			"A flaky mobile, Wi-Fi or VPN link dropped packets in the middle of the request",
			"A client or proxy buffers the body and forwards it too late",
		},
		Fixes: []string{
			"Retry on a new connection (safe for idempotent requests; use an idempotency key for others)",
			"Make Content-Length match the body exactly, or use chunked transfer coding",
			"Compress or split large uploads, or use a resumable upload protocol on slow links",
		},
		Retry: "Yes: the client may repeat the request, opening a new connection if needed.",
		Keywords: []string{
			"timeout", "request timeout", "timed out", "time out", "slow upload", "slow client", "slow network",
			"idle connection", "connection closed", "read timeout", "stalled upload", "took too long",
		},
	},
	{
		Status: 409, Title: "Conflict", Slug: "conflict",
		Reference: "RFC 9110 §15.5.10", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The request is valid but clashes with the current state of the resource.",
		Meaning: "The request could not be completed because it conflicts with the current state of the target resource: the item already exists, another client changed it, or the state does not allow the transition. " +
			"The response should tell the user the source of the conflict so they can resolve it and resubmit. " +
			"Unlike 412 Precondition Failed, which reports that a condition the client sent (If-Match) was false, 409 comes from the server's own check of the resource's state.",
		Causes: []string{
			"Creating something that already exists: a duplicate username, email address or other unique key",
			"An edit conflict: another client updated the resource since you read it (lost update, version mismatch)",
			"An invalid state transition, e.g. cancelling an order that has already shipped",
			"Deleting a resource that other resources still reference",
			"Two concurrent requests racing with the same idempotency key",
		},
		Fixes: []string{
			"Fetch the current state, merge or re-apply your change, and resubmit",
			"Choose a different unique value, or update the existing resource instead of creating it",
			"Send conditional requests (If-Match with the ETag) so concurrent edits are caught before the write",
		},
		Retry: "After the conflict is resolved; the same request unchanged usually conflicts again.",
		Keywords: []string{
			"conflict", "duplicate", "duplicate entry", "duplicate key", "already exists", "unique constraint",
			"unique violation", "edit conflict", "lost update", "version conflict", "concurrent update",
			"concurrent modification", "race condition", "invalid state", "state transition", "idempotency key",
		},
	},
	{
		Status: 410, Title: "Gone", Slug: "gone",
		Reference: "RFC 9110 §15.5.11", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.11",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		RetryInvited: false, HeuristicallyCacheable: true,
		Summary: "The resource was deleted or retired on purpose and is not coming back.",
		Meaning: "The target resource is no longer available at the origin server, and the condition is likely to be permanent. " +
			"410 vs 404: 404 says nothing about permanence, while 410 tells clients and crawlers to drop their links and stop asking. " +
			"APIs use it for retired endpoints, sunset API versions and deliberately deleted records; it is heuristically cacheable.",
		Causes: []string{
			"The API version or endpoint was retired after its sunset date",
			"The record was deleted for good, e.g. a closed account or a removed post",
			"A time-limited resource expired: a one-time download link, an invitation, a temporary share",
			"A bookmark or hard-coded URL points at a resource that was withdrawn without a redirect",
		},
		Fixes: []string{
			"Move to the replacement endpoint or API version named in the documentation or the problem's detail",
			"Remove the link or the stored reference instead of retrying",
			"Ask for a new link or invitation when the resource was time-limited",
		},
		Retry: "No: the removal is meant to be permanent.",
		Keywords: []string{
			"gone", "retired endpoint", "retired", "deprecated endpoint", "sunset", "api version removed",
			"endpoint removed", "removed", "permanently deleted", "no longer available", "discontinued",
			"decommissioned", "old api version", "expired link", "dead endpoint",
		},
	},
	{
		Status: 411, Title: "Length Required", Slug: "length-required",
		Reference: "RFC 9110 §15.5.12", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.12",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The server refuses a request body that comes without a Content-Length header.",
		Meaning: "The server refuses to accept the request without a defined Content-Length, for example a chunked upload it will not stream. " +
			"The client may repeat the request with a valid Content-Length header stating the size of the body in bytes.",
		Causes: []string{
			"The client streamed the body with Transfer-Encoding: chunked",
			"A POST or PUT with a body was sent without Content-Length by a custom or low-level client",
			"A proxy removed Content-Length while re-framing the request",
			"An empty POST was sent without Content-Length: 0",
		},
		Fixes: []string{
			"Buffer the body and send Content-Length with its exact size in bytes",
			"Send Content-Length: 0 for an empty body",
			"In Go, set req.ContentLength, or pass a *bytes.Reader or *strings.Reader, which sets it",
		},
		Retry: "Yes, with a valid Content-Length.",
		Keywords: []string{
			"length required", "content-length", "content-length missing", "missing content-length",
			"no content-length", "content length required", "chunked", "chunked upload", "transfer-encoding",
			"body length",
		},
	},
	{
		Status: 412, Title: "Precondition Failed", Slug: "precondition-failed",
		Reference: "RFC 9110 §15.5.13", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
		RequiredHeaders: nil, RecommendedHeaders: []string{"ETag"},
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "A precondition the client attached (If-Match, If-Unmodified-Since …) evaluated to false.",
		Meaning: "One or more conditions in the request header fields evaluated to false on the server, so the method was not applied. " +
			"Usually an If-Match ETag no longer matches because someone changed the resource after you read it, and the server has just prevented a lost update (a false If-None-Match or If-Modified-Since on GET or HEAD gets 304 Not Modified instead). " +
			"412 answers a conditional request whose precondition failed; 428 Precondition Required answers a request that should have been conditional and was not.",
		Causes: []string{
			"If-Match carries a stale ETag: another client modified the resource after you fetched it",
			"If-Unmodified-Since is earlier than the resource's last modification",
			"If-None-Match: * on a create, and the resource already exists",
			"A weak ETag (W/\"…\") in If-Match, which never matches because If-Match compares strongly",
			"The ETag came from a different resource or representation (e.g. a compressed variant)",
		},
		Fixes: []string{
			"GET the resource again, re-apply your change to the fresh state, and resend with the new ETag in If-Match",
			"Show the user the conflicting change instead of overwriting it blindly",
			"Send the ETag of the resource you are modifying exactly as the server sent it",
		},
		Retry: "Yes, after re-reading the resource and sending preconditions that hold.",
		Keywords: []string{
			"precondition", "precondition failed", "etag", "etag mismatch", "stale etag", "if-match",
			"if-match failed", "if-unmodified-since", "if-none-match", "mid-air collision",
			"optimistic concurrency", "conditional request failed", "version mismatch",
		},
	},
	{
		Status: 413, Title: "Content Too Large", Slug: "content-too-large",
		Reference: "RFC 9110 §15.5.14", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
		RequiredHeaders: nil, RecommendedHeaders: []string{"Retry-After"},
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The request body is larger than the server is willing or able to process.",
		Meaning: "The request content exceeds a limit the server (or a proxy in front of it) enforces, and the server may close the connection rather than read the rest. " +
			"It is about the body: an over-long URL is 414 URI Too Long, and oversized headers or cookies are 431 Request Header Fields Too Large. " +
			"If the condition is temporary the server should send Retry-After; otherwise the content must shrink. RFC 7231 called it Payload Too Large and older software says Request Entity Too Large.",
		Causes: []string{
			"An uploaded file is bigger than the API's or the proxy's maximum (nginx's client_max_body_size defaults to 1 MiB)",
			"A JSON array or batch with too many items in one request",
			"Images or attachments embedded as base64, which adds a third to their size",
			"A limit on the decompressed size of a gzip-encoded body",
		},
		Fixes: []string{
			"Check the documented maximum (the problem may state it) and shrink, compress or split the content",
			"Use a multipart, chunked or resumable upload, or a pre-signed URL, for large files",
			"Send large batches in pages",
			"If Retry-After is present the limit is temporary: wait, then retry",
		},
		Retry: "Only with smaller content, unless Retry-After marks the limit as temporary.",
		Keywords: []string{
			"content too large", "payload too large", "request entity too large", "entity too large",
			"body too large", "request too large", "request body too large", "file too big", "file too large", "upload too big",
			"upload limit", "size limit", "max body size", "client_max_body_size", "too much data",
			"maxbyteserror", "http: request body too large",
		},
	},
	{
		Status: 414, Title: "URI Too Long", Slug: "uri-too-long",
		Reference: "RFC 9110 §15.5.15", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.15",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		RetryInvited: true, HeuristicallyCacheable: true,
		Summary: "The request URI is longer than the server is willing to interpret.",
		Meaning: "The target URI, usually its query string, is longer than the server or a proxy accepts; RFC 9110 recommends supporting at least 8000 octets, and many servers cap the request line near that. " +
			"It is about the URI: a large body is 413 Content Too Large and large headers or cookies are 431 Request Header Fields Too Large. " +
			"414 is heuristically cacheable.",
		Causes: []string{
			"A long list of IDs or filters packed into the query string",
			"A POST turned into a GET, moving the form data into the query",
			"A redirect loop that appends a parameter on every hop",
			"Data (base64, JSON, tokens) encoded into the URL",
		},
		Fixes: []string{
			"Move bulky parameters into a request body, e.g. POST a search document",
			"Paginate, or refer to a saved filter by ID",
			"Fix the redirect loop that keeps growing the URL",
		},
		Retry: "Only with a shorter URI.",
		Keywords: []string{
			"uri too long", "url too long", "query string too long", "long url", "long query string",
			"too many query parameters", "request-uri too long", "request line too long", "redirect loop",
		},
	},
	{
		Status: 415, Title: "Unsupported Media Type", Slug: "unsupported-media-type",
		Reference: "RFC 9110 §15.5.16", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
		RequiredHeaders: nil, RecommendedHeaders: []string{"Accept", "Accept-Encoding"},
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The server does not accept the format of the request body (its Content-Type or Content-Encoding).",
		Meaning: "The server refuses the request because its content is in a format this method and resource do not support, judged from Content-Type, Content-Encoding or the data itself. " +
			"The response can list the accepted media types in an Accept header, and ought to list the accepted codings in Accept-Encoding when a content coding caused it. " +
			"415 is about the body the client sends; 406 Not Acceptable is about the format the client wants back.",
		Causes: []string{
			"No Content-Type header on a request with a body",
			"The wrong content type, e.g. text/plain or application/x-www-form-urlencoded sent to a JSON endpoint",
			"A typo or non-standard media type such as application/jsn",
			"An unsupported Content-Encoding, such as br or zstd, on the request body",
			"An uploaded file type the endpoint does not take, e.g. image/heic where only PNG and JPEG are allowed",
		},
		Fixes: []string{
			"Send Content-Type: application/json, or a type listed in the response's Accept header, with a body in that format",
			"Check that the client library sets the header: many send a raw string as text/plain",
			"Remove the Content-Encoding, or use one listed in Accept-Encoding",
		},
		Retry: "Yes, with a supported Content-Type or Content-Encoding.",
		Keywords: []string{
			"unsupported media type", "content-type", "missing content-type", "no content-type",
			"wrong content type", "wrong content-type", "media type", "mime type", "form instead of json",
			"text/plain", "content-encoding", "unsupported encoding", "file type not allowed",
			"unsupported format", "unsupported file type",
		},
	},
	{
		Status: 416, Title: "Range Not Satisfiable", Slug: "range-not-satisfiable",
		Reference: "RFC 9110 §15.5.17", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.17",
		RequiredHeaders: nil, RecommendedHeaders: []string{"Content-Range"},
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "None of the byte ranges in the Range header fall within the resource.",
		Meaning: "The ranges in the request's Range header do not overlap the current extent of the selected representation (e.g. bytes=1000- on a 500-byte file), or the server rejects them as too many or too small. " +
			"For byte ranges the server should send Content-Range: bytes */<length> so the client learns the actual size. " +
			"Older software calls it Requested Range Not Satisfiable.",
		Causes: []string{
			"Resuming a download from an offset past the end of a file that shrank or was replaced",
			"An off-by-one: byte ranges are inclusive, so the last byte of a 500-byte file is 499",
			"A stale Range reused after the resource changed, without If-Range to guard it",
			"A malformed, overlapping or excessive multi-range request",
		},
		Fixes: []string{
			"Read Content-Range (bytes */<length>) and ask for a range inside that length",
			"Restart the download from byte zero, and send If-Range with the ETag when resuming",
			"Compute ranges as first-last, both inclusive",
		},
		Retry: "Yes, with a range the current representation can satisfy.",
		Keywords: []string{
			"range", "range not satisfiable", "requested range not satisfiable", "byte range", "range header",
			"content-range", "resume download", "partial download", "partial content", "offset",
			"out of range", "past end of file",
		},
	},
	{
		Status: 417, Title: "Expectation Failed", Slug: "expectation-failed",
		Reference: "RFC 9110 §15.5.18", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.18",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The server or a proxy cannot meet the expectation in the request's Expect header.",
		Meaning: "The expectation given in the request's Expect header could not be met by at least one of the inbound servers. " +
			"The only expectation HTTP defines is 100-continue, with which a client asks for a go-ahead before sending a large body; some servers and proxies reject it, or any other expectation, with 417.",
		Causes: []string{
			"The client sent Expect: 100-continue (curl does for large uploads, as did .NET's HttpWebRequest by default) to a server or proxy that does not support it",
			"An unknown or misspelled expectation in the Expect header",
			"An old HTTP/1.0 proxy in the path that cannot honour 100-continue",
		},
		Fixes: []string{
			"Resend without the Expect header (curl: -H 'Expect:'; .NET: set ExpectContinue to false)",
			"Send no expectation other than 100-continue: no other one is defined",
		},
		Retry: "Yes, without the expectation that failed.",
		Keywords: []string{
			"expectation failed", "expect", "expect header", "expect 100-continue", "100-continue",
			"100 continue", "continue",
		},
	},
	{
		Status: 418, Title: "(Unused)", Slug: "unused",
		Reference: "RFC 9110 §15.5.19", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.19",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		RetryInvited: false, HeuristicallyCacheable: false, Unused: true,
		Summary: "Unused: once the April Fools' \"I'm a teapot\", now reserved so no real status takes it. Never send it.",
		Meaning: "RFC 2324, an April Fools' specification for the Hyper Text Coffee Pot Control Protocol, defined 418 I'm a teapot. " +
			"RFC 9110 marks 418 (Unused) and reserves it because deployed software sends it, so it can never be given a real meaning. " +
			"Servers must not send it for actual errors; a client that receives one can only treat it like a generic 400 and read the body.",
		Causes: []string{
			"A server or framework sends it as a joke or an Easter egg",
			"A bot-blocking or firewall rule uses it to reject traffic it dislikes",
			"A placeholder left in a mock server or in unfinished code",
		},
		Fixes: []string{
			"Treat it as a generic client error and read the body for the real reason",
			"If you own the server, replace it with the precise code (400, 403, 429 …)",
		},
		Retry: "Not meaningful: the code carries no defined semantics.",
		Keywords: []string{
			"teapot", "i'm a teapot", "im a teapot", "coffee", "coffee pot", "april fools", "joke",
			"easter egg", "htcpcp", "unused",
		},
	},
	{
		Status: 421, Title: "Misdirected Request", Slug: "misdirected-request",
		Reference: "RFC 9110 §15.5.20", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.20",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The request reached a server that cannot answer for this scheme and host.",
		Meaning: "The server that received the request is unable or not configured to produce responses for the scheme and authority in the target URI. " +
			"It mostly appears with HTTP/2 and HTTP/3 connection reuse: a client reuses a connection opened for one host for another host named on the same TLS certificate, and the server behind it does not serve that host. " +
			"A proxy must not generate it, and the client may retry on a different connection, even for a non-idempotent method.",
		Causes: []string{
			"HTTP/2 connection coalescing: a wildcard or multi-domain certificate let the client reuse a connection for another host",
			"The TLS SNI names one virtual host and the Host header or :authority another",
			"A load balancer routed the connection to a backend that does not serve that hostname",
			"Stale DNS or a pinned IP address sends the request to the wrong cluster",
		},
		Fixes: []string{
			"Retry on a fresh connection to the right host (most HTTP/2 clients do this automatically)",
			"Make SNI and the Host header name the same host",
			"On the server side, serve every name on a shared certificate from every backend that presents it",
		},
		Retry: "Yes, on a different connection, even if the method is not idempotent.",
		Keywords: []string{
			"misdirected request", "misdirected", "wrong host", "wrong server", "sni mismatch", "sni",
			"host header mismatch", "connection reuse", "connection coalescing", "http/2", "wildcard certificate",
			"virtual host",
		},
	},
	{
		Status: 422, Title: "Unprocessable Content", Slug: "unprocessable-content",
		Reference: "RFC 9110 §15.5.21", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The body is well-formed and of a supported type, but its values fail validation.",
		Meaning: "The server understands the content type and the syntax is correct, but it cannot process the contained instructions: values are missing, out of bounds or break a business rule. " +
			"422 vs 400: 400 means the server could not parse the request; 422 means it parsed it and found the data invalid. " +
			"A useful 422 lists every failing field, e.g. RFC 9457 errors entries each with a detail and a JSON Pointer; RFC 4918 named the code Unprocessable Entity.",
		Causes: []string{
			"A required field is missing or empty",
			"A value has the wrong format or is out of bounds: an invalid email address, a negative quantity, a date in the past",
			"A field has the wrong JSON type for the schema, such as a string where a number is expected",
			"A cross-field rule fails: the end date is before the start date, the passwords do not match",
			"A referenced entity does not exist, e.g. an unknown category_id",
			"Fields the API does not know, sent to an endpoint that rejects unknown fields",
		},
		Fixes: []string{
			"Read the errors list: each entry points at a field (#/items/3/name) and names the rule it broke",
			"Validate on the client against the published schema before sending",
			"Correct the values and resend; the syntax is already fine",
		},
		Retry: "Not unchanged; resend after correcting the data.",
		Keywords: []string{
			"validation failed", "validation error", "validation", "invalid field", "invalid value",
			"invalid email", "required field", "missing field", "missing required field", "field errors",
			"constraint violation", "schema validation", "business rule", "unprocessable entity",
			"out of range", "value out of range",
			"semantic error", "unknown field",
		},
	},
	{
		Status: 423, Title: "Locked", Slug: "locked",
		Reference: "RFC 4918 §11.3", URL: "https://www.rfc-editor.org/rfc/rfc4918#section-11.3",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The resource is locked (WebDAV) and the request did not present the lock.",
		Meaning: "Defined by WebDAV (RFC 4918): the source or destination resource of a method is locked, and the request did not submit a valid lock token for it. " +
			"The response should contain a precondition code such as lock-token-submitted naming the locked resource. " +
			"Outside WebDAV, some APIs use it for records that a workflow holds locked.",
		Causes: []string{
			"Another user or client holds a WebDAV write lock on the file, e.g. an editor has it open",
			"The request omitted the lock token: no If header carrying the token that LOCK returned",
			"A stale lock left by a crashed client has not timed out yet",
			"Moving or deleting a collection that contains a locked member",
		},
		Fixes: []string{
			"Send the lock token in the If header when you hold the lock",
			"Wait for the lock to be released or to time out, or ask its owner to UNLOCK it",
			"Have an administrator remove a stale lock",
		},
		Retry: "Yes, after the lock is released, or with the right lock token.",
		Keywords: []string{
			"locked", "lock", "webdav lock", "file locked", "resource locked", "lock token",
			"lock-token-submitted", "checked out", "file in use", "unlock",
		},
	},
	{
		Status: 424, Title: "Failed Dependency", Slug: "failed-dependency",
		Reference: "RFC 4918 §11.4", URL: "https://www.rfc-editor.org/rfc/rfc4918#section-11.4",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "This action was not performed because another action it depended on failed.",
		Meaning: "Defined by WebDAV (RFC 4918): the method could not be performed on the resource because the requested action depended on another action, and that action failed. " +
			"It typically appears inside a 207 Multi-Status response, e.g. for the property updates of a PROPPATCH that were rolled back because one of them failed. " +
			"Some APIs use it for batch operations in which one failed step blocks the rest.",
		Causes: []string{
			"One instruction of a PROPPATCH failed, so the others were not applied",
			"A step of a batch or transactional request failed and the steps depending on it were skipped",
			"An earlier operation in a multi-step request targeted a missing or locked resource",
		},
		Fixes: []string{
			"Find the action that failed first (the one whose status is not 424) and fix it",
			"Resend the whole batch once that part is corrected",
		},
		Retry: "After the action it depended on succeeds.",
		Keywords: []string{
			"failed dependency", "dependency failed", "dependency", "batch failed", "batch request",
			"proppatch", "multi-status", "207", "rolled back", "webdav",
		},
	},
	{
		Status: 425, Title: "Too Early", Slug: "too-early",
		Reference: "RFC 8470 §5.2", URL: "https://www.rfc-editor.org/rfc/rfc8470#section-5.2",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The server will not risk processing a request that might be replayed (TLS early data).",
		Meaning: "Defined by RFC 8470: the server is unwilling to process a request that arrived in TLS 1.3 early data (0-RTT), because an attacker could replay it. " +
			"A server should send it only when the request came in early data or carried Early-Data: 1 from an intermediary, and it is not cacheable by default. " +
			"The client should retry automatically once the handshake is complete, and the retry must not be sent in early data.",
		Causes: []string{
			"The client sent a non-idempotent request, such as a POST, in TLS 1.3 0-RTT early data",
			"A CDN or proxy forwarded a request it received in early data, marked Early-Data: 1",
			"The server's replay protection rejects any early-data request to this resource",
		},
		Fixes: []string{
			"Retry after the TLS handshake completes, without early data (browsers and good clients do this automatically)",
			"Disable 0-RTT for non-idempotent requests in the client or the proxy",
		},
		Retry: "Yes: the client should retry automatically, and the retry must not use early data.",
		Keywords: []string{
			"too early", "early data", "early-data", "0-rtt", "0rtt", "zero rtt", "tls 1.3 early data",
			"replay", "replay attack", "resumption",
		},
	},
	{
		Status: 426, Title: "Upgrade Required", Slug: "upgrade-required",
		Reference: "RFC 9110 §15.5.22", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.22",
		RequiredHeaders: []string{"Upgrade"}, RecommendedHeaders: []string{"Connection"},
		RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The server refuses the request over the current protocol; switch to the one named in Upgrade.",
		Meaning: "The server refuses to perform the request using the current protocol but might do so after the client upgrades to a different one. " +
			"The response MUST carry an Upgrade header naming the required protocol(s), usually together with Connection: Upgrade. " +
			"Typical uses are requiring TLS, a newer HTTP version, or the WebSocket handshake on an endpoint that only speaks WebSocket.",
		Causes: []string{
			"An HTTP/1.1 request to an endpoint that requires a newer protocol, e.g. HTTP/2 or HTTP/3",
			"A plain GET to a WebSocket-only endpoint without the Upgrade: websocket handshake",
			"An unencrypted request to a server that requires an upgrade to TLS (Upgrade: TLS/1.0, RFC 2817)",
			"An old client or proxy that cannot speak the required protocol",
		},
		Fixes: []string{
			"Read the Upgrade header and switch to that protocol: use https://, enable HTTP/2, or open a WebSocket",
			"Update the client library or proxy to a version that supports the protocol",
		},
		Retry: "Yes, after upgrading to a protocol listed in Upgrade.",
		Keywords: []string{
			"upgrade required", "upgrade", "upgrade tls", "tls required", "https required", "http/2 required",
			"http2 required", "newer protocol", "protocol upgrade", "websocket", "websocket upgrade",
			"wrong protocol", "protocol version",
		},
	},
	{
		Status: 428, Title: "Precondition Required", Slug: "precondition-required",
		Reference: "RFC 6585 §3", URL: "https://www.rfc-editor.org/rfc/rfc6585#section-3",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		CacheControl: "no-store", RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The server requires the request to be conditional (If-Match), so no client overwrites changes it has not seen.",
		Meaning: "Defined by RFC 6585: the origin server requires the request to be conditional, typically with If-Match, to prevent the lost-update problem where a client overwrites changes it never saw. " +
			"The response should explain how to resubmit, and a cache must not store it. " +
			"428 means no condition was sent; 412 Precondition Failed means one was sent and it did not hold.",
		Causes: []string{
			"A PUT, PATCH or DELETE sent without If-Match (or If-Unmodified-Since) to an API that enforces optimistic concurrency",
			"The client never kept the ETag from its previous GET",
			"A proxy or client library stripped the conditional headers",
		},
		Fixes: []string{
			"GET the resource, keep its ETag, and send it back in If-Match",
			"Read the problem's detail: it should name the header to send",
		},
		Retry: "Yes, as a conditional request.",
		Keywords: []string{
			"precondition required", "if-match required", "if-match missing", "missing if-match", "no if-match",
			"conditional request required", "etag required", "optimistic locking", "require if-match",
		},
	},
	{
		Status: 429, Title: "Too Many Requests", Slug: "too-many-requests",
		Reference: "RFC 6585 §4", URL: "https://www.rfc-editor.org/rfc/rfc6585#section-4",
		RequiredHeaders: []string{"Retry-After"}, RecommendedHeaders: []string{"RateLimit", "RateLimit-Policy"},
		CacheControl: "no-store", RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The client sent too many requests in a given time: slow down and retry after Retry-After.",
		Meaning: "Defined by RFC 6585: the client has exceeded a rate limit or quota, usually counted per API key, user or client IP. " +
			"The response should explain the limit and may say how long to wait in Retry-After (this suite always sends it, in whole seconds); the RateLimit and RateLimit-Policy headers may describe the quota. " +
			"A cache must not store it.",
		Causes: []string{
			"A burst of requests from a loop or from parallel workers without a concurrency cap",
			"Retrying immediately after errors, without backoff",
			"A daily or monthly quota is used up",
			"Several clients or services share one API key or one outbound IP address (NAT)",
			"Polling too often instead of using webhooks or longer intervals",
		},
		Fixes: []string{
			"Wait the number of seconds given in Retry-After before the next request",
			"Add exponential backoff with jitter, and cap concurrency",
			"Read RateLimit and RateLimit-Policy to pace requests before reaching the limit",
			"Cache responses, batch requests, or ask for a higher quota",
		},
		Retry: "Yes, after the delay in Retry-After, or when the quota resets.",
		Keywords: []string{
			"too many requests", "rate limit", "rate limited", "rate limiting", "ratelimit", "throttled",
			"throttling", "quota", "quota exceeded", "slow down", "limit exceeded", "retry-after", "backoff",
			"burst", "requests per second", "api limit", "usage limit",
		},
	},
	{
		Status: 431, Title: "Request Header Fields Too Large", Slug: "request-header-fields-too-large",
		Reference: "RFC 6585 §5", URL: "https://www.rfc-editor.org/rfc/rfc6585#section-5",
		RequiredHeaders: nil, RecommendedHeaders: nil,
		CacheControl: "no-store", RetryInvited: true, HeuristicallyCacheable: false,
		Summary: "The request's headers, one of them or all together, are larger than the server accepts.",
		Meaning: "Defined by RFC 6585: the server refuses the request because a single header field, or the header section as a whole, is too large. " +
			"The response should name the offending field when only one is at fault, and a cache must not store it; oversized cookies are the usual culprit. " +
			"Compare 413 (body too large) and 414 (URI too long); Go's net/http answers oversized headers itself, in plain text, before any handler runs.",
		Causes: []string{
			"Too many or too large cookies have piled up for the domain",
			"A huge bearer token, e.g. a JWT stuffed with roles and groups",
			"Custom headers carrying large payloads, such as tracing baggage or serialised state",
			"A proxy chain appending to X-Forwarded-For or Via until the section overflows",
		},
		Fixes: []string{
			"Clear the domain's cookies and keep fewer, smaller ones, with the state on the server",
			"Shrink the token: reference claims instead of embedding them",
			"Move large data from headers into the request body",
		},
		Retry: "Yes, after reducing the size of the header fields.",
		Keywords: []string{
			"request header fields too large", "header too large", "headers too large", "header too big",
			"cookie too big", "cookie too large", "too many cookies", "large cookie", "token too large",
			"jwt too large", "header size", "max header size", "request header or cookie too large",
		},
	},
	{
		Status: 451, Title: "Unavailable For Legal Reasons", Slug: "unavailable-for-legal-reasons",
		Reference: "RFC 7725 §3", URL: "https://www.rfc-editor.org/rfc/rfc7725#section-3",
		RequiredHeaders: nil, RecommendedHeaders: []string{"Link"},
		RetryInvited: false, HeuristicallyCacheable: true,
		Summary: "Access is denied because of a legal demand, such as a court order or government censorship.",
		Meaning: "Defined by RFC 7725: the server is denying access to the resource as a consequence of a legal demand, such as a court order, a takedown notice or government censorship. " +
			"The response should explain the demand, and the entity implementing the block should be identified by a Link header with the relation \"blocked-by\". " +
			"It is cacheable by default.",
		Causes: []string{
			"A copyright takedown notice (e.g. DMCA) made the host remove the content",
			"The content is blocked in your country by law or court order",
			"Government censorship or sanctions restrictions",
			"A privacy ruling, e.g. a GDPR right-to-be-forgotten request",
		},
		Fixes: []string{
			"Read the body and the Link rel=\"blocked-by\" header to learn who blocked it and why",
			"No change on the client lifts the block: contact the site or the blocking entity",
		},
		Retry: "No: the block stays until the legal situation changes.",
		Keywords: []string{
			"unavailable for legal reasons", "legal", "legal reasons", "censored", "censorship",
			"blocked by law", "court order", "dmca", "takedown", "copyright", "geoblocked", "geo-blocked",
			"blocked in my country", "sanctions", "blocked-by", "gdpr", "region", "not available in your region",
		},
	},
}
