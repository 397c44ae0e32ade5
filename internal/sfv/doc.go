// Package sfv serializes and parses the subset of RFC 9651 Structured Field
// Values that HTTP rate-limit fields use: Lists of Items with Parameters,
// where a bare item is a String, Token, Integer, Boolean or Byte Sequence.
//
// The serializer refuses values RFC 9651 cannot represent (a String with a
// control character, an Integer beyond 15 digits, a key with an upper-case
// letter) instead of writing a field clients must ignore. The parser is
// strict and exists so tests can check fields the way a client reads them.
// Decimals, Dates, Display Strings, Inner Lists and Dictionaries are not
// supported.
package sfv
