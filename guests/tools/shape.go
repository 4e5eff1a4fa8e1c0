package main

import (
	"encoding/json"
	"strings"
)

// jsonSize is the size of v encoded, for answers that stop adding rows at a
// byte budget.
func jsonSize(v any) int {
	b, _ := json.Marshal(v)
	return len(b)
}

// writeStreams appends a command's output, each stream under its own
// heading; an empty stream is left out.
func writeStreams(b *strings.Builder, stdout, stderr string) {
	if stdout != "" {
		b.WriteString("--- stdout ---\n" + stdout)
	}
	if stderr != "" {
		b.WriteString("--- stderr ---\n" + stderr)
	}
}
