package abi

import (
	"encoding/binary"
	"errors"
)

// A Record is one piece of a stream passed to a filter. Records of one stream
// arrive in order; a filter may keep state within a stream (a private key
// spans lines) but not across streams or calls.
type Record struct {
	Stream uint32
	Data   []byte
}

// RecordHeader is the size of a record's header: stream then length, both
// little-endian uint32.
const RecordHeader = 8

// ErrBadFraming reports a batch whose lengths do not add up.
var ErrBadFraming = errors.New("bad record framing")

// AppendRecord appends r to a batch in the filter framing:
//
//	stream u32le | len u32le | len bytes
func AppendRecord(batch []byte, r Record) []byte {
	batch = binary.LittleEndian.AppendUint32(batch, r.Stream)
	batch = binary.LittleEndian.AppendUint32(batch, uint32(len(r.Data)))
	return append(batch, r.Data...)
}

// ParseRecords splits a batch into records whose Data alias batch.
func ParseRecords(batch []byte) ([]Record, error) {
	var out []Record
	for len(batch) > 0 {
		if len(batch) < RecordHeader {
			return nil, ErrBadFraming
		}
		stream := binary.LittleEndian.Uint32(batch)
		n := binary.LittleEndian.Uint32(batch[4:])
		batch = batch[RecordHeader:]
		if uint64(n) > uint64(len(batch)) {
			return nil, ErrBadFraming
		}
		out = append(out, Record{Stream: stream, Data: batch[:n:n]})
		batch = batch[n:]
	}
	return out, nil
}
