// Package anchors finds, natively and in one pass, the lines of a text that
// a filter guest needs to see: those holding one of the literals the filter
// declared (its anchors), and the lines an anchor's Until range spans. The
// rest of the text never enters the guest, which is what makes a sandboxed
// filter with a hard deadline fast: the guest's per-byte cost is paid only
// on the few lines that may hold a secret. See RATIONALE.md.
package anchors

import (
	"fmt"
	"strings"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// A Set is a compiled anchor set. It is safe for concurrent use.
type Set struct {
	anchors []abi.Anchor
	text    [][]byte // each anchor's text, lower-cased when it folds
	// pairs has a bit per (folded) two-byte prefix some anchor starts with;
	// byPair[slot[pair]-1] lists those anchors. An array, not a map: the
	// lookup runs on every such pair of the text ("to", "ke", "pa").
	pairs  [1 << 16 / 64]uint64
	slot   [1 << 16]uint16
	byPair [][]uint32
}

var fold [256]byte

func init() {
	for i := range fold {
		c := byte(i)
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		fold[i] = c
	}
}

// Compile checks a filter's declared anchors against the ABI's limits and
// compiles them. An empty set compiles to nil: the filter needs every byte.
func Compile(set abi.AnchorSet) (*Set, error) {
	if len(set.Anchors) == 0 {
		return nil, nil
	}
	if len(set.Anchors) > abi.MaxAnchors {
		return nil, fmt.Errorf("%d anchors declared; at most %d", len(set.Anchors),
			abi.MaxAnchors)
	}
	s := &Set{anchors: set.Anchors}
	for i, a := range set.Anchors {
		if err := check(a); err != nil {
			return nil, fmt.Errorf("anchor %d: %w", i, err)
		}
		t := []byte(a.Text)
		if a.Fold {
			t = []byte(strings.Map(func(r rune) rune {
				if r < 0x80 {
					return rune(fold[r])
				}
				return r
			}, a.Text))
		}
		s.text = append(s.text, t)
		k := pairOf(t[0], t[1])
		if s.slot[k] == 0 {
			s.byPair = append(s.byPair, nil)
			s.slot[k] = uint16(len(s.byPair)) // at most MaxAnchors: fits
		}
		s.pairs[k/64] |= 1 << (k % 64)
		s.byPair[s.slot[k]-1] = append(s.byPair[s.slot[k]-1], uint32(i))
	}
	return s, nil
}

func check(a abi.Anchor) error {
	switch {
	case len(a.Text) < abi.MinAnchor || len(a.Text) > abi.MaxAnchor:
		return fmt.Errorf("text of %d bytes; anchors are %d to %d bytes", len(a.Text),
			abi.MinAnchor, abi.MaxAnchor)
	case strings.ContainsRune(a.Text, '\n') || strings.ContainsRune(a.Until, '\n'):
		return fmt.Errorf("text or until holds a newline; anchors are found within a line")
	case len(a.Until) > abi.MaxAnchor:
		return fmt.Errorf("until of %d bytes; at most %d", len(a.Until), abi.MaxAnchor)
	case a.Until != "" && (a.MaxLines < 1 || a.MaxLines > abi.MaxUntilLine):
		return fmt.Errorf("maxLines %d; an anchor with until spans 1 to %d lines",
			a.MaxLines, abi.MaxUntilLine)
	}
	return nil
}

func pairOf(a, b byte) uint16 { return uint16(fold[a])<<8 | uint16(fold[b]) }

// Len reports how many anchors s holds.
func (s *Set) Len() int { return len(s.anchors) }

// A Found is a window of a text: its bounds and its hits, whose offsets
// count from Start.
type Found struct {
	Start, End int
	Hits       []abi.Hit
}

// Windows returns the windows of data: runs of whole lines (each with its
// '\n') that hold a hit or lie in an Until range, in order, adjacent lines
// merged. Every occurrence of every anchor in a window is a hit, overlapping
// ones included, sorted by offset then anchor.
func (s *Set) Windows(data string) []Found {
	w := windower{s: s, data: data}
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == '\n' {
			w.endLine(i + 1)
			continue
		}
		if i+1 < len(data) {
			k := pairOf(c, data[i+1])
			if s.pairs[k/64]&(1<<(k%64)) != 0 {
				w.match(i, k)
			}
		}
	}
	if w.lineStart < len(data) {
		w.endLine(len(data))
	}
	return w.out
}

type windower struct {
	s         *Set
	data      string
	out       []Found
	lineStart int
	line      []abi.Hit // hits of the current line, offsets absolute
	until     string    // the open Until range's end text
	left      int       // lines the open range may still span
}

// match records the anchors starting at data[i] whose first two bytes fold
// to pair k.
func (w *windower) match(i int, k uint16) {
	for _, a := range w.s.byPair[w.s.slot[k]-1] {
		t := w.s.text[a]
		if i+len(t) > len(w.data) {
			continue
		}
		got := w.data[i : i+len(t)]
		if w.s.anchors[a].Fold && !equalFold(got, t) || !w.s.anchors[a].Fold && got != string(t) {
			continue
		}
		w.line = append(w.line, abi.Hit{Anchor: a, Off: uint32(i)})
	}
}

// equalFold reports whether b lower-cased (ASCII) equals low.
func equalFold(b string, low []byte) bool {
	for i := range len(b) {
		if fold[b[i]] != low[i] {
			return false
		}
	}
	return true
}

// endLine decides whether the line [w.lineStart, end) belongs to a window.
func (w *windower) endLine(end int) {
	line := w.data[w.lineStart:end]
	in := len(w.line) > 0
	if w.left > 0 {
		in = true
		w.left--
		if strings.Contains(line, w.until) {
			w.left = 0
		}
	}
	for _, h := range w.line {
		if a := w.s.anchors[h.Anchor]; a.Until != "" {
			w.until, w.left = a.Until, a.MaxLines
		}
	}
	if in {
		w.add(end)
	}
	w.line, w.lineStart = w.line[:0], end
}

// add puts the current line in a window: the last one if it ends where the
// line starts, else a new one.
func (w *windower) add(end int) {
	n := len(w.out)
	if n == 0 || w.out[n-1].End != w.lineStart {
		w.out = append(w.out, Found{Start: w.lineStart})
		n++
	}
	f := &w.out[n-1]
	for _, h := range w.line {
		f.Hits = append(f.Hits, abi.Hit{Anchor: h.Anchor, Off: h.Off - uint32(f.Start)})
	}
	f.End = end
}
