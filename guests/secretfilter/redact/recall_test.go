package redact

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestCorpus scores the redactor on the generated corpus: a planted secret
// counts as caught only when its record comes back exactly as wanted (the
// marker in its place, every other byte kept). Every kind must reach a
// recall of minRecall, no decoy may change, and the line count must hold.
func TestCorpus(t *testing.T) {
	const minRecall = 0.98
	recs := corpus(1, 150)
	var in []byte
	for _, r := range recs {
		for _, l := range r.in {
			in = append(append(in, l...), '\n')
		}
	}
	out := New().Redact(nil, in)
	if n, m := bytes.Count(in, []byte("\n")), bytes.Count(out, []byte("\n")); n != m {
		t.Fatalf("%d lines became %d", n, m)
	}
	// The guest gets the stream in pieces; the result must not depend on it.
	red, lines := New(), []byte(nil)
	for l := range bytes.SplitAfterSeq(in, []byte("\n")) {
		lines = red.Redact(lines, l)
	}
	if !bytes.Equal(lines, out) {
		t.Errorf("line by line differs from all at once, at byte %d",
			firstDiff(string(lines), string(out)))
	}
	if again := New().Redact(nil, out); !bytes.Equal(again, out) {
		t.Errorf("not idempotent on the corpus, at byte %d", firstDiff(string(again), string(out)))
	}

	type score struct{ planted, caught int }
	kinds, damaged, decoyLines := map[string]*score{}, map[string]int{}, 0
	got := strings.Split(string(out), "\n")
	i := 0
	for _, r := range recs {
		ok := slices.Equal(got[i:i+len(r.in)], r.want)
		if !ok && testing.Verbose() {
			t.Logf("%s%s:\n  in   %.300q\n  got  %.300q\n  want %.300q", r.kind, r.decoy,
				r.in, got[i:i+len(r.in)], r.want)
		}
		i += len(r.in)
		if r.kind == "" {
			decoyLines += len(r.in)
			if !ok {
				damaged[r.decoy]++
			}
			continue
		}
		s := kinds[r.kind]
		if s == nil {
			s = &score{}
			kinds[r.kind] = s
		}
		s.planted++
		if ok {
			s.caught++
		}
	}

	var table strings.Builder
	fmt.Fprintf(&table, "\n%-24s %7s %7s %7s\n", "kind", "planted", "caught", "recall")
	for _, k := range slices.Sorted(mapsKeys(kinds)) {
		s := kinds[k]
		recall := float64(s.caught) / float64(s.planted)
		fmt.Fprintf(&table, "%-24s %7d %7d %7.3f\n", k, s.planted, s.caught, recall)
		if recall < minRecall {
			t.Errorf("%s: recall %.3f, want at least %.2f", k, recall, minRecall)
		}
	}
	fmt.Fprintf(&table, "%d kinds; %d decoy lines, %d records damaged", len(kinds), decoyLines,
		sum(damaged))
	t.Log(table.String())
	for d, n := range damaged {
		t.Errorf("%d %s decoy records damaged", n, d)
	}
	if len(kinds) < 30 {
		t.Errorf("%d kinds planted, want at least 30", len(kinds))
	}
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
