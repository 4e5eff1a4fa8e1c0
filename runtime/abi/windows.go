package abi

import (
	"encoding/binary"
	"errors"
)

// An Anchor is a literal a filter declares it needs to see: the filter
// changes nothing on a line that holds none of its anchors (and lies in no
// Until range), so the host, natively, finds the lines that do and passes
// the filter only those. See [ExportFilterAnchors].
type Anchor struct {
	// Text is the literal, [MinAnchor] to [MaxAnchor] bytes.
	Text string `json:"text"`
	// Fold matches Text ASCII case-blind.
	Fold bool `json:"fold,omitempty"`
	// Until, when set, extends the window from the line holding the anchor
	// over the lines after it, up to and including the first that holds
	// Until, or MaxLines lines: a block that spans lines (a private key).
	Until    string `json:"until,omitempty"`
	MaxLines int    `json:"maxLines,omitempty"`
}

// AnchorSet is what dockmcp_filter_anchors writes: JSON of this type. No
// anchor at all means the filter needs every byte.
type AnchorSet struct {
	Anchors []Anchor `json:"anchors"`
}

// Limits on a filter's anchors; a filter declaring more is refused.
const (
	MinAnchor    = 2
	MaxAnchor    = 128
	MaxAnchors   = 1024
	MaxUntilLine = 1 << 16
)

// A Hit is where an anchor occurs in a window: the anchor's index in the
// filter's AnchorSet and the offset of its first byte in the window.
type Hit struct {
	Anchor uint32
	Off    uint32
}

// A Window is a run of whole lines of one record, passed to
// dockmcp_filter_windows with every anchor hit in it, in offset order.
type Window struct {
	Stream uint32
	Hits   []Hit
	Data   []byte
}

// WindowHeader is the size of a window's fixed header.
const WindowHeader = 12

// AppendWindow appends w to a batch in the window framing:
//
//	stream u32le | len u32le | hits u32le | hits × (anchor u32le, off u32le) | len bytes
//
// The filter answers each window with one record (see [AppendRecord]) of
// the same stream, in order: the window's new text.
func AppendWindow(batch []byte, w Window) []byte {
	return append(AppendWindowHeader(batch, w.Stream, w.Hits, len(w.Data)), w.Data...)
}

// AppendWindowHeader appends the header of a window of n bytes, whose
// data the caller appends next.
func AppendWindowHeader(batch []byte, stream uint32, hits []Hit, n int) []byte {
	batch = binary.LittleEndian.AppendUint32(batch, stream)
	batch = binary.LittleEndian.AppendUint32(batch, uint32(n))
	batch = binary.LittleEndian.AppendUint32(batch, uint32(len(hits)))
	for _, h := range hits {
		batch = binary.LittleEndian.AppendUint32(batch, h.Anchor)
		batch = binary.LittleEndian.AppendUint32(batch, h.Off)
	}
	return batch
}

// ErrBadHit reports a hit outside its window.
var ErrBadHit = errors.New("hit outside its window")

// ParseWindows splits a batch into windows whose Data alias batch. Hits are
// appended to one shared slice, which each window's Hits alias.
func ParseWindows(batch []byte) ([]Window, error) {
	var out []Window
	var all []Hit
	for len(batch) > 0 {
		if len(batch) < WindowHeader {
			return nil, ErrBadFraming
		}
		stream := binary.LittleEndian.Uint32(batch)
		n := uint64(binary.LittleEndian.Uint32(batch[4:]))
		k := uint64(binary.LittleEndian.Uint32(batch[8:]))
		batch = batch[WindowHeader:]
		if 8*k+n > uint64(len(batch)) {
			return nil, ErrBadFraming
		}
		first := len(all)
		for i := range int(k) {
			h := Hit{Anchor: binary.LittleEndian.Uint32(batch[8*i:]),
				Off: binary.LittleEndian.Uint32(batch[8*i+4:])}
			if uint64(h.Off) >= n {
				return nil, ErrBadHit
			}
			all = append(all, h)
		}
		hits := all[first:len(all):len(all)]
		batch = batch[8*k:]
		out = append(out, Window{Stream: stream, Hits: hits, Data: batch[:n:n]})
		batch = batch[n:]
	}
	return out, nil
}
