//go:build !race

package redact

// slowdown scales time limits in tests: the race detector slows regexp a lot.
const slowdown = 1
