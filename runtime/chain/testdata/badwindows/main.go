//go:build wasip1

// Command badwindows is a filter that declares anchors and misbehaves on
// the windows holding them, so that the chain's windowed path can be shown
// to fail closed. Built by tests only.
package main

import (
	"bytes"

	"github.com/dockmcp/dockmcp/guests/sdk/filter"
)

type stream struct{}

func (stream) Filter(dst, data []byte) []byte { return append(dst, data...) }

func (stream) FilterHits(dst, data []byte, hits []filter.Hit) []byte {
	switch {
	case bytes.Contains(data, []byte("TRAP")):
		panic("asked to trap")
	case bytes.Contains(data, []byte("LOOP")):
		for i := 0; i >= 0; i++ {
		}
	case bytes.Contains(data, []byte("EXPAND")):
		return append(dst, bytes.Repeat(data, 64)...)
	case bytes.Contains(data, []byte("MEMORY")):
		var keep [][]byte
		for {
			keep = append(keep, make([]byte, 1<<20))
		}
	}
	// Marks each hit, so a test sees the windows and hits it was given.
	out := append(dst, data...)
	for range hits {
		out = append(out, '!')
	}
	return out
}

func init() {
	filter.Register(func() filter.Stream { return stream{} })
	filter.RegisterAnchors(filter.Anchor{Text: "TRAP"}, filter.Anchor{Text: "LOOP"},
		filter.Anchor{Text: "EXPAND"}, filter.Anchor{Text: "MEMORY"},
		filter.Anchor{Text: "mark", Fold: true})
}

func main() {}
