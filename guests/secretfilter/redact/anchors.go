package redact

import (
	"cmp"
	"math/bits"
	"slices"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Anchors returns the literals without which Redact changes nothing on a
// line: every kind's keywords, case-blind where the kind's are, and the
// private key marker, whose range runs to the next line holding
// "PRIVATE KEY-----" (an END marker; any such line is a hit of its own and
// starts the range again), so it covers every line of a block. A host that passes the
// filter only the lines holding them, with their hits, gets the same
// answer as from Redact on all the text.
func Anchors() []abi.Anchor { return anchorList }

var (
	anchorList []abi.Anchor
	// anchorKinds has bit i set for an anchor that is a keyword of kinds[i].
	anchorKinds []uint64
	pemAnchor   int
)

func init() {
	if len(kinds) > 64 {
		panic("BUG: redact: more than 64 kinds for the anchor bit sets")
	}
	index := map[abi.Anchor]int{}
	for i := range kinds {
		for _, w := range kinds[i].keywords {
			a := abi.Anchor{Text: w, Fold: kinds[i].fold}
			n, ok := index[a]
			if !ok {
				n = len(anchorList)
				index[a] = n
				anchorList = append(anchorList, a)
				anchorKinds = append(anchorKinds, 0)
			}
			anchorKinds[n] |= 1 << i
		}
	}
	pemAnchor = len(anchorList)
	anchorList = append(anchorList, abi.Anchor{Text: string(pemKeyword),
		Until: string(pemKeyword) + string(pemDashes), MaxLines: maxPEMLines + 2})
	anchorKinds = append(anchorKinds, 0)
}

// hitOf reports whether anchor a has a hit in the n bytes being redacted.
// It looks from the first hit there on, up to the first of a: a window of
// many BEGIN lines would otherwise cost the square of their count.
func (r *Redactor) hitOf(a, n int) bool {
	for _, h := range r.hits[r.firstHit():] {
		if p := int(h.Off) - r.off; p >= n {
			return false
		} else if int(h.Anchor) == a {
			return true
		}
	}
	return false
}

// firstHit returns the index of the first hit at or after r.off; hits are
// in order of offset (RedactHits checks).
func (r *Redactor) firstHit() int {
	i, _ := slices.BinarySearchFunc(r.hits, r.off, func(h abi.Hit, off int) int {
		return cmp.Compare(int(h.Off), off)
	})
	return i // the first of equal offsets: a lower bound
}

// scanHits appends the spans of every kind in b, trying each only at the
// hits of its keywords: what kind.scan finds, without searching. Each kind
// sees its hits in order and keeps its own from, as in kind.scan.
func (r *Redactor) scanHits(b []byte, out []span) []span {
	var from [64]int
	var ends lineEnds
	for _, h := range r.hits[r.firstHit():] {
		p := int(h.Off) - r.off
		if p >= len(b) {
			break
		}
		if p+len(anchorList[h.Anchor].Text) > len(b) {
			continue
		}
		for set := anchorKinds[h.Anchor]; set != 0; set &= set - 1 {
			i := bits.TrailingZeros64(set)
			if p >= from[i] {
				out, from[i] = kinds[i].matchAt(b, p, from[i], i, out, &ends)
			}
		}
	}
	return out
}
