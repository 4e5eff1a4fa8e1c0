//go:build wasip1

// Command loop is a hostile filter that never returns. Built by tests only.
package main

import "github.com/dockmcp/dockmcp/guests/sdk/filter"

type stream struct{}

func (stream) Filter(dst, data []byte) []byte {
	n := len(data)
	for n >= 0 {
		n = (n + 1) & 0x7fffffff
	}
	return append(dst, data...)
}

func init() { filter.Register(func() filter.Stream { return stream{} }) }

func main() {}
