//go:build wasip1

// Command secretfilter is the built-in secret filter guest. Every string
// dockmcp returns passes through it first. What it catches and misses is
// documented in package redact.
package main

import (
	"github.com/dockmcp/dockmcp/guests/sdk/filter"
	"github.com/dockmcp/dockmcp/guests/secretfilter/redact"
)

type stream struct{ r *redact.Redactor }

func (s stream) Filter(dst, data []byte) []byte { return s.r.Redact(dst, data) }

func (s stream) FilterHits(dst, data []byte, hits []filter.Hit) []byte {
	return s.r.RedactHits(dst, data, hits)
}

func init() {
	filter.Register(func() filter.Stream { return stream{redact.New()} })
	filter.RegisterAnchors(redact.Anchors()...)
}

func main() {}
