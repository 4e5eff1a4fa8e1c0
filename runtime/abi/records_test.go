package abi_test

import (
	"bytes"
	"testing"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// FuzzParseRecords checks the filter framing both ways: a batch that
// parses is rebuilt byte for byte by AppendRecord, and records built from
// arbitrary data parse back to the same records.
func FuzzParseRecords(f *testing.F) {
	f.Add([]byte{}, []byte("a\x00b"))
	f.Add(abi.AppendRecord(abi.AppendRecord(nil, abi.Record{Stream: 0, Data: []byte("x")}),
		abi.Record{Stream: 7, Data: nil}), []byte{})
	f.Add([]byte{1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff}, []byte("line\nline\n"))
	f.Add([]byte{1, 2, 3}, bytes.Repeat([]byte{0}, 9))
	f.Fuzz(func(t *testing.T, batch, data []byte) {
		recs, err := abi.ParseRecords(batch)
		if err == nil {
			var again []byte
			for _, r := range recs {
				again = abi.AppendRecord(again, r)
			}
			if !bytes.Equal(again, batch) {
				t.Fatalf("batch %x parses to %d records that append to %x", batch, len(recs), again)
			}
		} else if err != abi.ErrBadFraming || recs != nil {
			t.Fatalf("batch %x: %v, %d records", batch, err, len(recs))
		}

		// Records cut from data at its zero bytes, streams numbered.
		var want []abi.Record
		var built []byte
		for i, part := range bytes.Split(data, []byte{0}) {
			r := abi.Record{Stream: uint32(i * 3), Data: part}
			want = append(want, r)
			built = abi.AppendRecord(built, r)
		}
		got, err := abi.ParseRecords(built)
		if err != nil || len(got) != len(want) {
			t.Fatalf("%d records built, %d parsed: %v", len(want), len(got), err)
		}
		for i := range got {
			if got[i].Stream != want[i].Stream || !bytes.Equal(got[i].Data, want[i].Data) {
				t.Fatalf("record %d: got %+v, want %+v", i, got[i], want[i])
			}
		}
	})
}

// FuzzParseWindows: a batch that parses appends back to itself; one that
// does not is refused with a framing error, never a panic.
func FuzzParseWindows(f *testing.F) {
	f.Add(abi.AppendWindow(nil, abi.Window{Stream: 3, Hits: []abi.Hit{{Anchor: 1, Off: 2}},
		Data: []byte("a key\n")}))
	f.Add([]byte{0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 'x'})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, batch []byte) {
		wins, err := abi.ParseWindows(batch)
		if err != nil {
			if (err != abi.ErrBadFraming && err != abi.ErrBadHit) || wins != nil {
				t.Fatalf("batch %x: %v, %d windows", batch, err, len(wins))
			}
			return
		}
		var again []byte
		for _, w := range wins {
			for _, h := range w.Hits {
				if int(h.Off) >= len(w.Data) {
					t.Fatalf("batch %x: hit %+v outside %d bytes", batch, h, len(w.Data))
				}
			}
			again = abi.AppendWindow(again, w)
		}
		if !bytes.Equal(again, batch) {
			t.Fatalf("batch %x parses to windows that append to %x", batch, again)
		}
	})
}
