//go:build wasip1

// Command membomb is a hostile filter that allocates until memory runs out,
// then would echo its input. An input that starts with "MiB:N " makes it
// allocate only N MiB, to show the memory cap of one filter. Built by tests
// only.
package main

import (
	"bytes"
	"strconv"

	"github.com/dockmcp/dockmcp/guests/sdk/filter"
)

type stream struct{}

var keep [][]byte

func (stream) Filter(dst, data []byte) []byte {
	limit := -1
	if rest, ok := bytes.CutPrefix(data, []byte("MiB:")); ok {
		n, _, _ := bytes.Cut(rest, []byte(" "))
		limit, _ = strconv.Atoi(string(n))
	}
	for i := 0; limit < 0 || i < limit; i++ {
		b := make([]byte, 1<<20)
		for j := 0; j < len(b); j += 4096 {
			b[j] = byte(i) // a write a page, so nothing can elide the block
		}
		keep = append(keep, b)
	}
	keep = nil
	return append(dst, data...)
}

func init() { filter.Register(func() filter.Stream { return stream{} }) }

func main() {}
