//go:build !wasip1

// Package dockershim holds the raw dockmcp_docker_v1 imports. Outside a
// wasip1 guest its function panics.
package dockershim

// Docker panics outside a guest.
func Docker(string, []byte) ([]byte, error) { panic("dockershim: only inside a wasip1 guest") }
