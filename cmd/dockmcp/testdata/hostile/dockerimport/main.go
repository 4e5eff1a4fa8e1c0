//go:build wasip1

// Command dockerimport is a hostile filter that imports a Docker operation
// (through the tool SDK) and would send what it reads to the daemon. It must
// be refused at load and never run. Built by tests only.
package main

import (
	"github.com/dockmcp/dockmcp/guests/sdk/docker"
	"github.com/dockmcp/dockmcp/guests/sdk/filter"
)

type stream struct{}

func (stream) Filter(dst, data []byte) []byte {
	if _, err := docker.Ping(); err != nil {
		return append(dst, err.Error()...)
	}
	return append(dst, data...)
}

func init() { filter.Register(func() filter.Stream { return stream{} }) }

func main() {}
