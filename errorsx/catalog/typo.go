package catalog

// Words shorter than minTypoWord are never corrected: one edit turns too
// many short words into others. Words longer than maxTypoWord are not
// words anyone misspells, and are not corrected either.
const (
	minTypoWord = 5
	maxTypoWord = 32
)

// A vocabulary holds the words of the catalog's texts by length, each with
// the term it stands for, to correct a misspelt query word.
type vocabulary struct {
	byLen [maxTypoWord + 2][]vocabWord
	seen  map[string]bool
}

type vocabWord struct {
	word, term string
	entries    int // how many entries contain term: the likelier reading
}

func newVocabulary() vocabulary {
	v := vocabulary{seen: map[string]bool{}}
	for word := range lexicon().synonyms {
		v.addWord(word)
	}
	return v
}

// add records the words of the lower-case text.
func (v *vocabulary) add(text string) {
	for w := range words(text) {
		v.addWord(w)
	}
}

func (v *vocabulary) addWord(w string) {
	if len(w) < minTypoWord-1 || len(w) > maxTypoWord+1 || v.seen[w] {
		return
	}
	v.seen[w] = true
	if t, ok := termOf(w); ok {
		v.byLen[len(w)] = append(v.byLen[len(w)], vocabWord{word: w, term: t})
	}
}

// keep drops the words whose term the index does not hold (numbers in
// prose) and records how many entries hold each term.
func (v *vocabulary) keep(index map[string][]posting) {
	for n, ws := range v.byLen {
		kept := ws[:0]
		for _, w := range ws {
			if ps, ok := index[w.term]; ok {
				w.entries = len(ps)
				kept = append(kept, w)
			}
		}
		v.byLen[n] = kept
	}
	v.seen = nil
}

// correct returns the term of the vocabulary word one edit away from w,
// preferring the term more entries hold, then the word that sorts first;
// ok is false when w is too short or too long, or no word is that close.
func (v *vocabulary) correct(w string) (term string, ok bool) {
	if len(w) < minTypoWord || len(w) > maxTypoWord {
		return "", false
	}
	var best *vocabWord
	for n := len(w) - 1; n <= len(w)+1; n++ {
		for i := range v.byLen[n] {
			c := &v.byLen[n][i]
			if !oneEditApart(w, c.word) {
				continue
			}
			if best == nil || c.entries > best.entries || c.entries == best.entries && c.word < best.word {
				best = c
			}
		}
	}
	if best == nil {
		return "", false
	}
	return best.term, true
}

// oneEditApart reports whether a and b differ by exactly one edit: a byte
// inserted, deleted or replaced, or two adjacent bytes swapped (the
// optimal string alignment distance is 1).
func oneEditApart(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	switch len(b) - len(a) {
	case 0:
		if i == len(a) {
			return false // equal
		}
		if a[i+1:] == b[i+1:] {
			return true // replaced
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // swapped
	case 1:
		return a[i:] == b[i+1:] // inserted
	}
	return false
}
