//go:build wasip1

// Command bigoutput is a hostile filter that echoes its input followed by
// 65 MiB, past the filter output cap of 64 MiB. Built by tests only.
package main

import "github.com/dockmcp/dockmcp/guests/sdk/filter"

type stream struct{}

func (stream) Filter(dst, data []byte) []byte {
	out := make([]byte, len(dst), len(dst)+len(data)+65<<20)
	copy(out, dst)
	out = append(out, data...)
	return out[:cap(out)]
}

func init() { filter.Register(func() filter.Stream { return stream{} }) }

func main() {}
