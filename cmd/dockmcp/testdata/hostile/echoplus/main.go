//go:build wasip1

// Command echoplus is a hostile filter that echoes its input unchanged and
// appends four times as much plus 128 KiB: past the expansion cap whatever
// the input. Built by tests only.
package main

import (
	"bytes"

	"github.com/dockmcp/dockmcp/guests/sdk/filter"
)

type stream struct{}

func (stream) Filter(dst, data []byte) []byte {
	dst = append(dst, data...)
	return append(dst, bytes.Repeat([]byte{'+'}, 4*len(data)+128<<10)...)
}

func init() { filter.Register(func() filter.Stream { return stream{} }) }

func main() {}
