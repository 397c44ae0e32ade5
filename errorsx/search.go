package errorsx

import (
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode"
)

// Search returns the catalog entries that match query, best first, or nil
// when query is blank or nothing matches. It understands three kinds of
// query:
//
//   - a status number or prefix: "429" returns 429 alone; "42", "42x" and
//     "4xx" return every code with that prefix, in numeric order;
//   - a name: title or slug words such as "teapot", "gone", "too many",
//     "precondition-failed";
//   - a symptom in plain words, such as "token expired", "file too big" or
//     "wrong method", matched against each entry's keywords and title
//     first, then its summary, causes, meaning and fixes.
//
// Matching ignores case, punctuation and filler words, and folds common
// word forms and synonyms ("expired"/"expires", "big"/"large",
// "url"/"uri"). Adjacent query words that also stand together in an entry
// count extra, entries that match more of the query's words rank higher,
// and the number of a registered code anywhere in the query ("error 413")
// puts that code first. Equal
// scores keep numeric order, so results are deterministic. A three-digit
// number that is not a registered 4xx code is searched as a word ("100"
// finds 417 through "100-continue"). Only the first 256 bytes and 16
// words of a query are read, so any input is answered in bounded time.
// The entries share their slices (Causes, Fixes …) with the catalog:
// treat them as read-only.
func Search(query string) []Code {
	q := strings.TrimSpace(query)
	if len(q) > maxQueryBytes {
		q = q[:maxQueryBytes]
	}
	if q == "" {
		return nil
	}
	if codes, ok := searchNumber(q); ok {
		return codes
	}
	return catalogIndex.search(q)
}

const (
	// maxQueryBytes and maxQueryTerms bound the work one query can cause.
	maxQueryBytes = 256
	maxQueryTerms = 16
	// maxIndexedCodes bounds the catalog size the index's fixed-size score
	// arrays hold; the 4xx registry has 29 entries.
	maxIndexedCodes = 32
	// exactNumberBonus puts a code first when its number is in the query.
	exactNumberBonus = 1000
	// titleBonus is added in full when the query names every word of an
	// entry's title, in part when it names some: "too large" is more
	// likely Content Too Large than Request Header Fields Too Large.
	titleBonus = 20
	// minRelativeScore drops results scoring below this fraction of the
	// best one: they match only incidental words.
	minRelativeScore = 0.12
)

// The fields of a Code that the index reads, and how much a word found in
// each counts: keywords and the title name the symptom, causes describe
// it, the meaning explains it.
const (
	fieldTitle = iota
	fieldKeywords
	fieldSummary
	fieldCauses
	fieldMeaning
	fieldFixes
	fieldCount
)

var fieldWeights = [fieldCount]float64{
	fieldTitle:    10,
	fieldKeywords: 8,
	fieldSummary:  5,
	fieldCauses:   3,
	fieldMeaning:  2,
	fieldFixes:    1,
}

// otherFieldShare is how much each further field containing a word adds,
// as a share of that field's weight, on top of the best field's weight.
const otherFieldShare = 0.2

// A posting records that a term occurs in one catalog entry.
type posting struct {
	code   uint8   // position in catalog
	weight float32 // field score × inverse document frequency
}

// A searchIndex maps normalised terms, and pairs of adjacent terms, to
// the entries containing them. Numbers count as words only in titles,
// slugs and keywords: in prose they are byte counts and cross-references
// ("500-byte file", "401 vs 403") that would answer number queries
// wrongly.
type searchIndex struct {
	codes  []Code
	words  map[string][]posting
	pairs  map[[2]string][]posting
	titles [maxIndexedCodes][]string // the distinct terms of each title
}

// catalogIndex is built once, when the package is initialised.
var catalogIndex = newSearchIndex(catalog)

// termFields records in which fields of one entry a term occurs.
type termFields struct {
	code   uint8
	fields uint8 // bit set of field* constants
}

func newSearchIndex(codes []Code) searchIndex {
	if len(codes) > maxIndexedCodes {
		panic("errorsx: the catalog outgrew the search index (maxIndexedCodes)")
	}
	words := map[string][]termFields{}
	pairs := map[[2]string][]termFields{}
	for i, c := range codes {
		wordMask := map[string]uint8{}
		pairMask := map[[2]string]uint8{}
		add := func(field int, texts ...string) {
			for _, text := range texts {
				terms := appendTerms(nil, strings.ToLower(text), math.MaxInt)
				for j, t := range terms {
					if field <= fieldKeywords || !isDigits(t) {
						wordMask[t] |= 1 << field
					}
					if j > 0 {
						pairMask[[2]string{terms[j-1], t}] |= 1 << field
					}
				}
			}
		}
		add(fieldTitle, c.Title, c.Slug)
		add(fieldKeywords, c.Keywords...)
		add(fieldSummary, c.Summary)
		add(fieldCauses, c.Causes...)
		add(fieldMeaning, c.Meaning)
		add(fieldFixes, c.Fixes...)
		for t, m := range wordMask {
			words[t] = append(words[t], termFields{code: uint8(i), fields: m})
		}
		for p, m := range pairMask {
			pairs[p] = append(pairs[p], termFields{code: uint8(i), fields: m})
		}
	}
	ix := searchIndex{codes: codes, words: weigh(words, len(codes)), pairs: weigh(pairs, len(codes))}
	for i, c := range codes {
		for _, t := range appendTerms(nil, strings.ToLower(c.Title), math.MaxInt) {
			if !slices.Contains(ix.titles[i], t) {
				ix.titles[i] = append(ix.titles[i], t)
			}
		}
	}
	return ix
}

// weigh turns field sets into weights: the best field's weight plus a
// share of the others', times the term's inverse document frequency, so a
// term found in few entries counts more than one found in many.
func weigh[K comparable](hits map[K][]termFields, entries int) map[K][]posting {
	out := make(map[K][]posting, len(hits))
	for k, hs := range hits {
		idf := math.Log(1 + float64(entries)/float64(len(hs)))
		ps := make([]posting, len(hs))
		for j, h := range hs {
			var best, sum float64
			for f := range fieldCount {
				if h.fields&(1<<f) != 0 {
					best = max(best, fieldWeights[f])
					sum += fieldWeights[f]
				}
			}
			ps[j] = posting{code: h.code, weight: float32((best + otherFieldShare*(sum-best)) * idf)}
		}
		out[k] = ps
	}
	return out
}

// search returns the entries that score against the words of q, best
// first.
func (ix *searchIndex) search(q string) []Code {
	var buf [maxQueryTerms]string
	terms := appendTerms(buf[:0], strings.ToLower(q), maxQueryTerms)
	if len(terms) == 0 {
		return nil
	}
	score := ix.score(terms)
	var order [maxIndexedCodes]uint8
	n := 0
	best := 0.0
	for c := range ix.codes {
		if score[c] > 0 {
			best = max(best, score[c])
			order[n] = uint8(c)
			n++
		}
	}
	if n == 0 {
		return nil
	}
	ranked := order[:n]
	slices.SortFunc(ranked, func(a, b uint8) int {
		switch {
		case score[a] > score[b]:
			return -1
		case score[a] < score[b]:
			return 1
		}
		return int(a) - int(b)
	})
	out := make([]Code, 0, n)
	for _, c := range ranked {
		if score[c] < best*minRelativeScore {
			break
		}
		out = append(out, ix.codes[c])
	}
	return out
}

// score rates every entry against the query terms: the weights of the
// terms and adjacent pairs it contains, a bonus for the share of its title
// the query names, and the exact-number bonus, all scaled by the square of
// the share of query terms it contains.
func (ix *searchIndex) score(terms []string) (score [maxIndexedCodes]float64) {
	var matched [maxIndexedCodes]uint16 // bit i: the entry contains terms[i]
	for i, t := range terms {
		for _, p := range ix.words[t] {
			score[p.code] += float64(p.weight)
			matched[p.code] |= 1 << i
		}
		if i > 0 {
			for _, p := range ix.pairs[[2]string{terms[i-1], t}] {
				score[p.code] += float64(p.weight)
			}
		}
		if pos, ok := registeredNumber(t); ok {
			score[pos] += exactNumberBonus
			matched[pos] |= 1 << i
		}
	}
	for c, title := range ix.titles[:len(ix.codes)] {
		if matched[c] == 0 {
			continue
		}
		named := 0
		for _, t := range title {
			if slices.Contains(terms, t) {
				named++
			}
		}
		share := float64(bits.OnesCount16(matched[c])) / float64(len(terms))
		score[c] = (score[c] + titleBonus*float64(named)/float64(len(title))) * share * share
	}
	return score
}

// registeredNumber reports the catalog position of t when t is the
// three-digit number of a registered code.
func registeredNumber(t string) (int, bool) {
	if len(t) != 3 || !isDigits(t) {
		return 0, false
	}
	status := int(t[0]-'0')*100 + int(t[1]-'0')*10 + int(t[2]-'0')
	if status >= len(codeIndex) || codeIndex[status] < 0 {
		return 0, false
	}
	return int(codeIndex[status]), true
}

// searchNumber answers a query that is a status number or prefix: one to
// three digits, optionally padded with "x" to three characters ("429",
// "42", "42x", "4xx"). ok is false when q has another form, and for a
// three-digit number that is not registered, which Search then treats as
// a word.
func searchNumber(q string) (codes []Code, ok bool) {
	digits := strings.TrimRight(q, "xX")
	if len(q) > 3 || digits == "" || !isDigits(digits) {
		return nil, false
	}
	if len(digits) == 3 {
		c, found := Lookup(int(digits[0]-'0')*100 + int(digits[1]-'0')*10 + int(digits[2]-'0'))
		if !found {
			return nil, false
		}
		return []Code{c}, true
	}
	prefix, div := 0, 1
	for i := range digits {
		prefix = prefix*10 + int(digits[i]-'0')
	}
	for range 3 - len(digits) {
		div *= 10
	}
	n := 0
	for _, c := range catalog {
		if c.Status/div == prefix {
			n++
		}
	}
	if n == 0 {
		return nil, true
	}
	codes = make([]Code, 0, n)
	for _, c := range catalog {
		if c.Status/div == prefix {
			codes = append(codes, c)
		}
	}
	return codes, true
}

func isDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// appendTerms appends to dst the search terms of s, which must be lower
// case, stopping once dst holds limit terms. A term is a run of letters
// and digits, with filler words and lone letters dropped, synonyms
// replaced by their canonical word, and suffixes stemmed. The terms are
// substrings of s or constants, so appendTerms allocates only when dst
// must grow.
func appendTerms(dst []string, s string, limit int) []string {
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			dst = appendTerm(dst, s[start:i])
			start = -1
			if len(dst) >= limit {
				return dst
			}
		}
	}
	if start >= 0 {
		dst = appendTerm(dst, s[start:])
	}
	return dst
}

func appendTerm(dst []string, word string) []string {
	if len(word) == 1 && !isDigits(word) {
		return dst
	}
	if _, ok := stopWords[word]; ok {
		return dst
	}
	if canonical, ok := synonyms[word]; ok {
		word = canonical
	}
	return append(dst, stem(word))
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

// stopWords carry no symptom: articles, pronouns, auxiliaries, and the
// words every entry shares ("error", "status", "code").
var stopWords = map[string]struct{}{
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

// synonyms map a word to the one the catalog uses for the same idea.
var synonyms = map[string]string{
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
