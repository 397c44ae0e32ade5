package catalog

// standard5xx documents the 5xx codes the suite itself sends (500 from
// Recover and unmapped errors, 501 for unknown methods, 503 from failing
// dependencies) and the gateway failures an application commonly maps (502,
// 504), so their type URIs lead to a page too.
var standard5xx = []Entry{
	{
		Status: 500, Title: "Internal Server Error", Slug: "internal-server-error",
		Reference: "RFC 9110 §15.6.1", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
		RetryInvited: true,
		Summary:      "The server failed while handling a valid request; the fault is on the server side.",
		Meaning: "The server hit an unexpected condition — a panic, a bug, an unmapped error — that prevented it from completing the request. " +
			"The request itself may be fine. A fourxx server sends a generic detail and logs the cause; the body never carries internal error text.",
		Causes: []string{
			"A bug or panic in the handler, recovered by the server",
			"An error the application did not map to a more precise status",
			"A dependency (database, cache, another service) failed in a way the code did not expect",
		},
		Fixes: []string{
			"Retry later, with backoff; for non-idempotent requests check first whether the action happened",
			"Report it to the API operator with the time of the request and its instance URI, if the problem has one",
		},
		Retry: "Possibly, later: the same request may succeed once the fault is fixed or passes.",
		Keywords: []string{
			"internal server error", "server error", "crash", "panic", "bug", "internal", "exception",
			"unhandled exception", "null pointer", "nil pointer dereference", "stack trace",
		},
	},
	{
		Status: 501, Title: "Not Implemented", Slug: "not-implemented",
		Reference: "RFC 9110 §15.6.2", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.2",
		HeuristicallyCacheable: true,
		Summary:                "The server does not support the request method at all, on any resource.",
		Meaning: "The server does not recognise the request method or cannot support it for any resource (RFC 9110 §9.1). " +
			"Compare 405 Method Not Allowed: the method is known, but this resource does not allow it, and Allow lists what does.",
		Causes: []string{
			"A misspelled or lower-case method name (get instead of GET; methods are case-sensitive)",
			"A WebDAV or custom method (PROPFIND, BREW) sent to a server that does not implement it",
		},
		Fixes: []string{
			"Use a standard method, spelled in upper case",
			"Send OPTIONS to the resource to see which methods it allows",
		},
		Retry:    "No, not with the same method.",
		Keywords: []string{"unknown method", "unsupported method", "method not implemented"},
	},
	{
		Status: 502, Title: "Bad Gateway", Slug: "bad-gateway",
		Reference: "RFC 9110 §15.6.3", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.3",
		RetryInvited: true,
		Summary:      "A gateway or proxy got an invalid response from the server behind it.",
		Meaning: "The server, acting as a gateway or proxy, received an invalid response from an inbound server it accessed while trying to fulfil the request. " +
			"The fault lies between the gateway and the upstream, not in the client's request.",
		Causes: []string{
			"The upstream service crashed, restarted or closed the connection mid-response",
			"The upstream answered with something the gateway could not parse",
		},
		Fixes: []string{
			"Retry later, with backoff",
			"If it persists, report it to the operator of the gateway",
		},
		Retry: "Yes, later: upstream failures are usually temporary.",
		Keywords: []string{
			"bad gateway", "gateway", "proxy", "upstream", "bad response", "upstream connect error",
			"connection reset by upstream", "upstream disconnected", "backend unreachable", "could not reach backend",
		},
	},
	{
		Status: 503, Title: "Service Unavailable", Slug: "service-unavailable",
		Reference: "RFC 9110 §15.6.4", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
		RecommendedHeaders: []string{"Retry-After"},
		RetryInvited:       true,
		Summary:            "The server cannot handle the request right now, because of overload, maintenance or a failing dependency.",
		Meaning: "The server is temporarily unable to handle the request and will likely be able to after some delay, which Retry-After may give. " +
			"A fourxx server sends it, with Retry-After, when an authentication backend or a fail-closed rate-limit store does not answer.",
		Causes: []string{
			"A dependency the server needs (an identity provider, a Redis store) is down or too slow",
			"The server is overloaded or in maintenance",
		},
		Fixes: []string{
			"Wait the number of seconds in Retry-After, then retry",
			"Add backoff with jitter so many clients do not retry at the same moment",
		},
		Retry: "Yes, after Retry-After.",
		Keywords: []string{
			"service unavailable", "unavailable", "maintenance", "overloaded", "down", "outage",
			"api down", "service down", "dependency down", "no healthy upstream",
		},
	},
	{
		Status: 504, Title: "Gateway Timeout", Slug: "gateway-timeout",
		Reference: "RFC 9110 §15.6.5", URL: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.5",
		RetryInvited: true,
		Summary:      "A gateway or proxy did not get a timely response from the server behind it.",
		Meaning: "The server, acting as a gateway or proxy, did not receive a timely response from an upstream server it needed to complete the request. " +
			"Compare 408 Request Timeout, where the server gave up waiting for the client.",
		Causes: []string{
			"The upstream service is overloaded or stuck",
			"The request asks for work that takes longer than the gateway's timeout",
		},
		Fixes: []string{
			"Retry later, with backoff; for non-idempotent requests check first whether the action happened",
			"Split long operations, or use an asynchronous job API if the server offers one",
		},
		Retry: "Yes, later.",
		Keywords: []string{
			"gateway timeout", "upstream timeout", "upstream timed out", "slow upstream", "backend timeout",
			"proxy timeout",
		},
	},
}
