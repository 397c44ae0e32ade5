// Package httpcheck is black-box HTTP test support for the middleware
// suites: it starts test servers, sends requests through real connections
// (raw request lines and chunked bodies included) and checks problem
// responses. Import it only from _test.go files.
package httpcheck
