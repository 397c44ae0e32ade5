// Package securitydoc holds the test that keeps SECURITY.md honest: every
// test it cites as proof must exist, and every file or package it names
// must be in the repository. It has no API.
package securitydoc
