//go:build !wasip1

package tool

import "github.com/dockmcp/dockmcp/guests/sdk/internal/shim"

func logf(level int32, msg string) { shim.Log(level, msg) }
