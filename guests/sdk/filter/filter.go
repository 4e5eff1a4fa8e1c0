// Package filter is what a filter guest is written with. A filter sees text
// records and nothing else: it has no Docker access and no files.
//
// Register a constructor of Stream; for every call the SDK makes one Stream
// per stream ID it meets and feeds it that stream's records in order, so a
// filter may keep state within a stream (a key block that spans records)
// but never across streams or calls.
//
// A filter that changes nothing on a line lacking certain literals (a key
// name, a token prefix) should declare them with RegisterAnchors: the host
// then finds, natively, the lines that hold one and passes the filter only
// those, which makes a filter in the sandbox many times faster on logs. A
// Stream that also implements HitStream is told where the anchors are and
// need not search for them.
package filter

import (
	"encoding/binary"
	"encoding/json"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// A Stream transforms the records of one stream. Filter appends the
// transformed data to dst and returns it.
type Stream interface {
	Filter(dst, data []byte) []byte
}

// A HitStream is a Stream that, on a window of lines the host found, is
// also given every occurrence of every anchor in it (offsets into data, in
// order; Anchor indexes the list given to RegisterAnchors).
type HitStream interface {
	Stream
	FilterHits(dst, data []byte, hits []Hit) []byte
}

// An Anchor is a literal without which the filter changes nothing on a
// line; see abi.Anchor for its fields (Text, Fold, Until, MaxLines).
type Anchor = abi.Anchor

// A Hit is where an anchor occurs in a window.
type Hit = abi.Hit

var (
	newStream func() Stream
	anchors   []Anchor
)

// Register sets the filter's Stream constructor.
func Register(fn func() Stream) { newStream = fn }

// RegisterAnchors declares the filter's anchors. Declare every literal
// without which a line is left as it is: a line holding none of them (and
// in no Until range) never reaches the filter. Without anchors the filter
// sees every byte.
func RegisterAnchors(a ...Anchor) { anchors = a }

// anchorSet returns the declared anchors as the host reads them.
func anchorSet() []byte {
	out, err := json.Marshal(abi.AnchorSet{Anchors: anchors})
	if err != nil {
		panic("BUG: anchors do not encode: " + err.Error())
	}
	return out
}

// applyWindows runs the filter over a window batch: one output record per
// window, in order.
func applyWindows(batch []byte) ([]byte, *abi.Error) {
	wins, err := abi.ParseWindows(batch)
	if err != nil {
		return nil, abi.Errorf(abi.CodeInvalid, "filter input: %v", err)
	}
	return filterEach(wins, true, len(batch))
}

// apply runs the filter over one batch and returns the output batch.
func apply(batch []byte) ([]byte, *abi.Error) {
	recs, err := abi.ParseRecords(batch)
	if err != nil {
		return nil, abi.Errorf(abi.CodeInvalid, "filter input: %v", err)
	}
	wins := make([]abi.Window, len(recs))
	for i, r := range recs {
		wins[i] = abi.Window{Stream: r.Stream, Data: r.Data}
	}
	return filterEach(wins, false, len(batch))
}

// filterEach runs each piece through the Stream of its stream, made on
// first use, and answers one record per piece. With hits, a HitStream is
// told where the anchors are.
func filterEach(pieces []abi.Window, hits bool, size int) ([]byte, *abi.Error) {
	if newStream == nil {
		return nil, abi.Errorf(abi.CodeInvalid, "filter registered no Stream")
	}
	streams := map[uint32]Stream{}
	out := make([]byte, 0, size+size/8)
	for _, w := range pieces {
		s := streams[w.Stream]
		if s == nil {
			s = newStream()
			streams[w.Stream] = s
		}
		start := len(out)
		out = abi.AppendRecord(out, abi.Record{Stream: w.Stream})
		if hs, ok := s.(HitStream); ok && hits {
			out = hs.FilterHits(out, w.Data, w.Hits)
		} else {
			out = s.Filter(out, w.Data)
		}
		binary.LittleEndian.PutUint32(out[start+4:], uint32(len(out)-start-abi.RecordHeader))
	}
	return out, nil
}
