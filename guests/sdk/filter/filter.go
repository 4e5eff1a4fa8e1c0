// Package filter is what a filter guest is written with. A filter sees text
// records and nothing else: it has no Docker access and no files.
//
// Register a constructor of Stream; for every call the SDK makes one Stream
// per stream ID it meets and feeds it that stream's records in order, so a
// filter may keep state within a stream (a key block that spans records)
// but never across streams or calls.
package filter

import (
	"encoding/binary"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// A Stream transforms the records of one stream. Filter appends the
// transformed data to dst and returns it.
type Stream interface {
	Filter(dst, data []byte) []byte
}

var newStream func() Stream

// Register sets the filter's Stream constructor.
func Register(fn func() Stream) { newStream = fn }

// apply runs the filter over one batch and returns the output batch.
func apply(batch []byte) ([]byte, *abi.Error) {
	if newStream == nil {
		return nil, abi.Errorf(abi.CodeInvalid, "filter registered no Stream")
	}
	recs, err := abi.ParseRecords(batch)
	if err != nil {
		return nil, abi.Errorf(abi.CodeInvalid, "filter input: %v", err)
	}
	streams := map[uint32]Stream{}
	out := make([]byte, 0, len(batch)+len(batch)/8)
	for _, r := range recs {
		s := streams[r.Stream]
		if s == nil {
			s = newStream()
			streams[r.Stream] = s
		}
		start := len(out)
		out = abi.AppendRecord(out, abi.Record{Stream: r.Stream})
		out = s.Filter(out, r.Data)
		binary.LittleEndian.PutUint32(out[start+4:], uint32(len(out)-start-abi.RecordHeader))
	}
	return out, nil
}
