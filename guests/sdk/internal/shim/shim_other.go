//go:build !wasip1

// Package shim holds the raw imports and exports of the dockmcp ABI. Outside
// a wasip1 guest its functions panic; they exist so that guest code can be
// vetted and its pure parts tested natively.
package shim

import "github.com/dockmcp/dockmcp/runtime/abi"

const notGuest = "shim: only inside a wasip1 guest"

func ReadInput(int32) []byte      { panic(notGuest) }
func WriteOutput([]byte) abi.Code { panic(notGuest) }
func SetError(abi.Code, string)   { panic(notGuest) }
func Log(int32, string)           { panic(notGuest) }
