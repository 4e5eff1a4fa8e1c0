package tools_test

import (
	"testing"

	"github.com/dockmcp/dockmcp/guests"
	"github.com/dockmcp/dockmcp/runtime/tools"
)

// BenchmarkParse is the catalog's share of start-up: the server answers
// initialize only after it.
func BenchmarkParse(b *testing.B) {
	files := guests.ToolDescriptors()
	for b.Loop() {
		if _, err := tools.Parse(files...); err != nil {
			b.Fatal(err)
		}
	}
}
