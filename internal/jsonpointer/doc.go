// Package jsonpointer builds, parses and resolves RFC 6901 JSON Pointers.
//
// Pointers are handled in two spellings: the JSON string form ("/items/3/name")
// and the URI fragment form used in RFC 9457 problem documents
// ("#/items/3/name"), which additionally percent-encodes every byte that may
// not appear in a URI fragment (RFC 6901 §6, RFC 3986 §3.5).
//
// Pointers and documents may come from untrusted requests: every function
// costs time and memory linear in the size of its input.
package jsonpointer
