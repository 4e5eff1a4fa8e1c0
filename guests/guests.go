// Package guests embeds the first-party guests: their .wasm files (rebuilt
// by `make guests`, listed with their sha256 in wasm/SHA256SUMS) and the
// tool descriptors that ship beside the tool guest.
//
// Guest sources live in the folders below: sdk (what guests are written
// with), tools (every tool), secretfilter (the built-in redaction filter),
// examplefilter (an example of a user filter: built into wasm/ and listed
// in SHA256SUMS like the others, but not embedded — an operator enables it
// by path and sha256 like any filter of their own).
package guests

import (
	"embed"
	"io/fs"
)

// ToolsWasm is the tool guest, built from ./tools.
//
//go:embed wasm/tools.wasm
var ToolsWasm []byte

// SecretFilterWasm is the built-in secret filter, built from ./secretfilter.
//
//go:embed wasm/secretfilter.wasm
var SecretFilterWasm []byte

//go:embed tools/*.json
var descriptors embed.FS

// ToolDescriptors returns the descriptor files of ToolsWasm, one per area of
// Docker, in name order: each lists its tools' names, titles, descriptions,
// schemas, annotations and the Docker operations they use.
func ToolDescriptors() [][]byte {
	names, err := fs.Glob(descriptors, "tools/*.json")
	if err != nil {
		panic("BUG: " + err.Error())
	}
	var files [][]byte
	for _, n := range names {
		b, err := descriptors.ReadFile(n)
		if err != nil {
			panic("BUG: " + err.Error())
		}
		files = append(files, b)
	}
	return files
}

// Sums is the committed list of the sha256 of each .wasm file.
//
//go:embed wasm/SHA256SUMS
var Sums string
