// Package validate decodes and validates request bodies, query parameters
// and header fields into Go structs, and answers every failure with one
// RFC 9457 problem that a client (or a form) can act on:
//
//   - 415 Unsupported Media Type, with Accept: application/json, when a body
//     is not JSON;
//   - 413 Content Too Large when it is over the limit (1 MiB by default,
//     enforced while reading, whatever Content-Length says);
//   - 400 Bad Request when it is empty, not UTF-8, not JSON, followed by
//     more data, nested deeper than Options.MaxDepth (64 levels by
//     default), or has longer member names on the path to a value than
//     Options.MaxPathBytes (1024 by default) — with line and column;
//   - 422 Unprocessable Content (configurable) when it is well-formed but
//     wrong: values of the wrong type, unknown or repeated members, failed
//     github.com/go-playground/validator/v10 rules. Each failure is one
//     entry of "errors": {"detail", "pointer", "code"}, the pointer an RFC
//     6901 JSON Pointer into the request document built from JSON names
//     ("#/items/3/name");
//   - 400 with "parameter" or "header" entries for query parameters and
//     header fields (decoded with github.com/go-playground/form/v4).
//
// Use [Decode] inside a handler, or the [JSON] middleware, which rejects
// before the handler runs and hands the value on through the context
// ([Value], [From]). A [Validator] holds the options and the one
// validator.Validate instance; the package-level functions use [Default].
//
// Values are not echoed back unless Options.EchoValues is set, and never for
// fields tagged `fourxx:"secret"`.
package validate
