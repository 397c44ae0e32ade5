package catalog

import (
	"math"
	"math/bits"
	"slices"
	"strings"
)

// Search returns the entries that match query, best first, or nil when
// query is blank or nothing matches. It understands three kinds of query:
//
//   - a status number or prefix: "429" returns the entries of 429 (the
//     standard one first, then the team's types sent with it); "42", "42x",
//     "4xx" and "5xx" return every entry with that prefix, by status;
//   - a name: title or slug words such as "teapot", "gone", "too many",
//     "precondition-failed", "out-of-credit";
//   - a symptom in plain words, such as "token expired", "file too big" or
//     "wrong method", matched against each entry's keywords and title
//     first, then its summary, causes, meaning and fixes.
//
// Matching ignores case, punctuation and filler words, and folds common
// word forms and synonyms ("expired"/"expires", "big"/"large",
// "url"/"uri"). A word of five letters or more that no entry contains is
// read as the entry word one edit away (a letter added, dropped, changed,
// or two neighbours swapped: "forbiden", "expried"). Adjacent query words
// that also stand together in an entry count extra, entries that match more
// of the query's words rank higher, and the number of a documented status
// anywhere in the query ("error 413") puts its entries first. Equal scores
// keep the order of [Catalog.Entries], so results are deterministic. A
// three-digit number that is no documented status is searched as a word
// ("100" finds 417 through "100-continue"). Only the first 256 bytes and
// 16 words of a query are read, so any input is answered in bounded time.
//
// The results are copies: changing them changes nothing in the catalog.
func (c *Catalog) Search(query string) []Entry {
	q := strings.TrimSpace(query)
	if len(q) > maxQueryBytes {
		q = q[:maxQueryBytes]
	}
	if q == "" {
		return nil
	}
	if positions, ok := c.searchNumber(q); ok {
		return c.pick(positions)
	}
	return c.pick(c.index().search(q))
}

// pick returns copies of the entries at positions.
func (c *Catalog) pick(positions []int) []Entry {
	if len(positions) == 0 {
		return nil
	}
	out := make([]Entry, len(positions))
	for i, p := range positions {
		out[i] = c.entries[p].clone()
	}
	return out
}

const (
	// maxQueryBytes and maxQueryTerms bound the work one query can cause.
	maxQueryBytes = 256
	maxQueryTerms = 16
	// exactNumberBonus puts a status's entries first when its number is in
	// the query.
	exactNumberBonus = 1000
	// titleBonus is added in full when the query names every word of an
	// entry's title, in part when it names some: "too large" is more
	// likely Content Too Large than Request Header Fields Too Large.
	titleBonus = 20
	// minRelativeScore drops results scoring below this fraction of the
	// best one: they match only incidental words.
	minRelativeScore = 0.12
)

// The fields of an Entry that the index reads, and how much a word found
// in each counts: keywords and the title name the symptom, causes describe
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

// A posting records that a term occurs in one entry.
type posting struct {
	entry  uint16  // position in the catalog
	weight float32 // field score × inverse document frequency
}

// A searchIndex maps normalised terms, and pairs of adjacent terms, to
// the entries containing them. Numbers count as words only in titles,
// slugs and keywords: in prose they are byte counts and cross-references
// ("500-byte file", "401 vs 403") that would answer number queries
// wrongly.
type searchIndex struct {
	cat    *Catalog
	words  map[string][]posting
	pairs  map[[2]string][]posting
	titles [][]string // the distinct terms of each entry's title
	vocab  vocabulary // the words a misspelt query word is corrected to
}

// termFields records in which fields of one entry a term occurs.
type termFields struct {
	entry  uint16
	fields uint8 // bit set of field* constants
}

func newSearchIndex(c *Catalog) *searchIndex {
	words := map[string][]termFields{}
	pairs := map[[2]string][]termFields{}
	vocab := newVocabulary()
	for i, e := range c.entries {
		wordMask := map[string]uint8{}
		pairMask := map[[2]string]uint8{}
		add := func(field int, texts ...string) {
			for _, text := range texts {
				text = strings.ToLower(text)
				vocab.add(text)
				terms := appendTerms(nil, text, math.MaxInt)
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
		add(fieldTitle, e.Title, e.Slug)
		add(fieldKeywords, e.Keywords...)
		add(fieldSummary, e.Summary)
		add(fieldCauses, e.Causes...)
		add(fieldMeaning, e.Meaning)
		add(fieldFixes, e.Fixes...)
		for _, m := range e.Members {
			add(fieldMeaning, m.Name, m.Description)
		}
		for t, m := range wordMask {
			words[t] = append(words[t], termFields{entry: uint16(i), fields: m})
		}
		for p, m := range pairMask {
			pairs[p] = append(pairs[p], termFields{entry: uint16(i), fields: m})
		}
	}
	ix := &searchIndex{
		cat:    c,
		words:  weigh(words, len(c.entries)),
		pairs:  weigh(pairs, len(c.entries)),
		titles: make([][]string, len(c.entries)),
	}
	vocab.keep(ix.words)
	ix.vocab = vocab
	for i, e := range c.entries {
		for _, t := range appendTerms(nil, strings.ToLower(e.Title), math.MaxInt) {
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
			ps[j] = posting{entry: h.entry, weight: float32((best + otherFieldShare*(sum-best)) * idf)}
		}
		out[k] = ps
	}
	return out
}

// search returns the positions of the entries that score against the
// words of q, best first.
func (ix *searchIndex) search(q string) []int {
	terms := ix.queryTerms(strings.ToLower(q))
	if len(terms) == 0 {
		return nil
	}
	score := ix.score(terms)
	ranked := make([]int, 0, 8)
	best := 0.0
	for e, s := range score {
		if s > 0 {
			best = max(best, s)
			ranked = append(ranked, e)
		}
	}
	slices.SortFunc(ranked, func(a, b int) int {
		switch {
		case score[a] > score[b]:
			return -1
		case score[a] < score[b]:
			return 1
		}
		return a - b
	})
	for i, e := range ranked {
		if score[e] < best*minRelativeScore {
			return ranked[:i]
		}
	}
	return ranked
}

// queryTerms returns the terms of the lower-case query q, at most
// maxQueryTerms, with each unknown word of five letters or more replaced
// by the term of the entry word one edit away, when there is one.
func (ix *searchIndex) queryTerms(q string) []string {
	terms := make([]string, 0, maxQueryTerms)
	for w := range words(q) {
		if len(terms) == maxQueryTerms {
			break
		}
		t, ok := termOf(w)
		if !ok {
			continue
		}
		if _, known := ix.words[t]; !known {
			if fixed, ok := ix.vocab.correct(w); ok {
				t = fixed
			}
		}
		terms = append(terms, t)
	}
	return terms
}

// score rates every entry against the query terms: the weights of the
// terms and adjacent pairs it contains, a bonus for the share of its title
// the query names, and the exact-number bonus, all scaled by the square of
// the share of query terms it contains.
func (ix *searchIndex) score(terms []string) []float64 {
	n := len(ix.cat.entries)
	score := make([]float64, n)
	matched := make([]uint16, n) // bit i: the entry contains terms[i]
	for i, t := range terms {
		for _, p := range ix.words[t] {
			score[p.entry] += float64(p.weight)
			matched[p.entry] |= 1 << i
		}
		if i > 0 {
			for _, p := range ix.pairs[[2]string{terms[i-1], t}] {
				score[p.entry] += float64(p.weight)
			}
		}
		if status, ok := statusNumber(t); ok && ix.cat.documents(status) {
			for e := range ix.cat.entries {
				if ix.cat.entries[e].Status == status {
					score[e] += exactNumberBonus
					matched[e] |= 1 << i
				}
			}
		}
	}
	for e, title := range ix.titles {
		if matched[e] == 0 {
			continue
		}
		named := 0
		for _, t := range title {
			if slices.Contains(terms, t) {
				named++
			}
		}
		share := float64(bits.OnesCount16(matched[e])) / float64(len(terms))
		score[e] = (score[e] + titleBonus*float64(named)/float64(len(title))) * share * share
	}
	return score
}

// statusNumber returns the value of a three-digit number.
func statusNumber(t string) (int, bool) {
	if len(t) != 3 || !isDigits(t) {
		return 0, false
	}
	return int(t[0]-'0')*100 + int(t[1]-'0')*10 + int(t[2]-'0'), true
}

// documents reports whether status has a standard entry.
func (c *Catalog) documents(status int) bool {
	return status >= 400 && status <= 599 && c.byStatus[status-400] >= 0
}

// searchNumber answers a query that is a status number or prefix: one to
// three digits, optionally padded with "x" to three characters ("429",
// "42", "42x", "4xx"), with the positions of the matching entries by
// status, standard before team. ok is false when q has another form, and
// for a three-digit number that is no documented status, which Search then
// treats as a word.
func (c *Catalog) searchNumber(q string) (positions []int, ok bool) {
	digits := strings.TrimRight(q, "xX")
	if len(q) > 3 || digits == "" || !isDigits(digits) {
		return nil, false
	}
	if status, exact := statusNumber(digits); exact && !c.documents(status) {
		return nil, false
	}
	prefix, div := 0, 1
	for i := range digits {
		prefix = prefix*10 + int(digits[i]-'0')
	}
	for range 3 - len(digits) {
		div *= 10
	}
	for i := range c.entries {
		if c.entries[i].Status/div == prefix {
			positions = append(positions, i)
		}
	}
	slices.SortStableFunc(positions, func(a, b int) int { return c.entries[a].Status - c.entries[b].Status })
	return positions, true
}
