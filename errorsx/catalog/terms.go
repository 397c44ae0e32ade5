package catalog

import (
	"iter"
	"strings"
	"sync"
	"unicode"
)

// words yields the words of s: runs of letters and digits.
func words(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := -1
		for i, r := range s {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				if !yield(s[start:i]) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield(s[start:])
		}
	}
}

// termOf returns the search term of a lower-case word: ok is false for a
// filler word or a lone letter; a synonym becomes its canonical word, and
// suffixes are stemmed. The term is a substring of word or a constant, so
// termOf never allocates.
func termOf(word string) (term string, ok bool) {
	if len(word) == 1 && !isDigits(word) {
		return "", false
	}
	lx := lexicon()
	if _, stop := lx.stopWords[word]; stop {
		return "", false
	}
	if canonical, ok := lx.synonyms[word]; ok {
		word = canonical
	}
	return stem(word), true
}

// appendTerms appends to dst the terms of the lower-case text s, stopping
// once dst holds limit terms.
func appendTerms(dst []string, s string, limit int) []string {
	for w := range words(s) {
		if len(dst) >= limit {
			break
		}
		if t, ok := termOf(w); ok {
			dst = append(dst, t)
		}
	}
	return dst
}

// lexicon holds the word lists of the search, built on first use.
var lexicon = sync.OnceValue(func() *wordLists {
	return &wordLists{stopWords: stopWordList(), synonyms: synonymList()}
})

type wordLists struct {
	stopWords map[string]struct{}
	synonyms  map[string]string
}

// stem strips common English suffixes so that word forms meet:
// expire/expired/expires/expiring → expir, cookie/cookies → cook,
// policy/policies → polic, limit/limited/limiting → limit. It only ever
// shortens the word, so it never allocates. Words of three letters or
// fewer are kept whole.
func stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	switch {
	case len(w) > 4 && (strings.HasSuffix(w, "ies") || strings.HasSuffix(w, "ied")):
		return w[:len(w)-3]
	case len(w) > 4 && strings.HasSuffix(w, "ie"):
		return w[:len(w)-2]
	case w[len(w)-1] == 'y' && !isVowel(w[len(w)-2]):
		return w[:len(w)-1]
	}
	if w[len(w)-1] == 's' && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
		w = w[:len(w)-1]
	}
	switch {
	case len(w) > 5 && strings.HasSuffix(w, "ing"):
		w = w[:len(w)-3]
	case len(w) > 4 && strings.HasSuffix(w, "ed"):
		w = w[:len(w)-2]
	}
	if len(w) > 3 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	return w
}

func isVowel(b byte) bool {
	return strings.IndexByte("aeiou", b) >= 0
}

func isDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// stopWordList returns the words that carry no symptom: articles, pronouns, auxiliaries, and the
// words every entry shares ("error", "status", "code").
func stopWordList() map[string]struct{} {
	return map[string]struct{}{
		"a": {}, "an": {}, "the": {}, "is": {}, "are": {}, "was": {}, "were": {}, "be": {}, "been": {},
		"being": {}, "am": {}, "to": {}, "of": {}, "in": {}, "on": {}, "at": {}, "for": {}, "from": {},
		"by": {}, "with": {}, "and": {}, "or": {}, "but": {}, "as": {}, "so": {}, "my": {}, "me": {},
		"we": {}, "our": {}, "you": {}, "your": {}, "it": {}, "its": {}, "this": {}, "that": {},
		"these": {}, "those": {}, "there": {}, "here": {}, "when": {}, "why": {}, "what": {}, "which": {},
		"how": {}, "do": {}, "does": {}, "did": {}, "doesn": {}, "don": {}, "didn": {}, "isn": {},
		"wasn": {}, "won": {}, "can": {}, "cannot": {}, "could": {}, "get": {}, "gets": {}, "got": {},
		"getting": {}, "has": {}, "have": {}, "had": {}, "will": {}, "would": {}, "should": {},
		"may": {}, "might": {}, "must": {}, "than": {}, "then": {}, "into": {}, "about": {},
		"just": {}, "also": {}, "some": {}, "any": {}, "all": {}, "via": {}, "eg": {}, "ie": {},
		"etc": {}, "please": {}, "error": {}, "errors": {}, "status": {}, "code": {}, "codes": {},
		"returns": {}, "returned": {}, "returning": {}, "keeps": {}, "always": {}, "such": {},
	}
}

// synonymList maps a word to the one the catalog uses for the same idea.
func synonymList() map[string]string {
	return map[string]string{
		"big": "large", "bigger": "large", "biggest": "large", "huge": "large", "larger": "large",
		"largest": "large", "oversized": "large", "oversize": "large", "massive": "large",
		"longer": "long", "lengthy": "long",
		"url": "uri", "urls": "uri",
		"auth": "authentication", "authn": "authentication", "authenticate": "authentication",
		"authenticated": "authentication", "authenticating": "authentication",
		"authz": "authorization", "authorisation": "authorization", "authorised": "authorized",
		"unauthorised": "unauthorized",
		"creds":        "credentials", "pwd": "password", "passwd": "password",
		"perm": "permission", "perms": "permission",
		"expiry": "expire", "expiration": "expire",
		"failure": "fail", "failures": "fail",
		"dup": "duplicate", "dupe": "duplicate", "dupes": "duplicate",
		"ratelimited": "ratelimit", "ratelimiting": "ratelimit",
		"licence": "license",
	}
}
