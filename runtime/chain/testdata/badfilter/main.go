//go:build wasip1

// Command badfilter is a filter that misbehaves when its input asks it to,
// so that the chain can be shown to fail closed. Built by tests only.
package main

import (
	"bytes"

	"github.com/dockmcp/dockmcp/guests/sdk/filter"
)

type stream struct{}

func (stream) Filter(dst, data []byte) []byte {
	switch {
	case bytes.Contains(data, []byte("TRAP")):
		panic("asked to trap")
	case bytes.Contains(data, []byte("LOOP")):
		for i := 0; i >= 0; i++ {
		}
	case bytes.Contains(data, []byte("EXPAND")):
		return append(dst, bytes.Repeat(data, 64)...)
	case bytes.Contains(data, []byte("BREAK")) && (bytes.HasPrefix(data, []byte(`{"`)) ||
		bytes.HasPrefix(data, []byte(`["`))):
		return append(dst, data[:len(data)-1]...) // JSON no more
	}
	return append(dst, bytes.ToUpper(data)...)
}

func init() { filter.Register(func() filter.Stream { return stream{} }) }

func main() {}
