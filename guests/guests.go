// Package guests embeds the first-party guests: their .wasm files (rebuilt
// by `make guests`, listed with their sha256 in wasm/SHA256SUMS) and the
// tool descriptors that ship beside the tool guest.
//
// Guest sources live in the folders below: sdk (what guests are written
// with), tools (every tool), secretfilter (the built-in redaction filter).
package guests

import _ "embed"

// ToolsWasm is the tool guest, built from ./tools.
//
//go:embed wasm/tools.wasm
var ToolsWasm []byte

// SecretFilterWasm is the built-in secret filter, built from ./secretfilter.
//
//go:embed wasm/secretfilter.wasm
var SecretFilterWasm []byte

// ToolDescriptors describes every tool of ToolsWasm: name, title,
// description, schemas, annotations and the Docker operations it uses.
//
//go:embed tools/tools.json
var ToolDescriptors []byte

// Sums is the committed list of the sha256 of each .wasm file.
//
//go:embed wasm/SHA256SUMS
var Sums string
