package runtime_test

import (
	"strings"

	"github.com/dockmcp/dockmcp/runtime"
)

func stringsContains(s, sub string) bool { return strings.Contains(s, sub) }

// wasmImporting returns a minimal module that imports one function
// mod.name () -> (), or no import at all when mod is empty.
func wasmImporting(mod, name string) []byte {
	b := []byte{0, 'a', 's', 'm', 1, 0, 0, 0}
	b = append(b, section(1, []byte{1, 0x60, 0, 0})...) // one type: () -> ()
	if mod == "" {
		return b
	}
	imp := []byte{1}
	imp = append(imp, vecString(mod)...)
	imp = append(imp, vecString(name)...)
	imp = append(imp, 0x00, 0) // function of type 0
	return append(b, section(2, imp)...)
}

func section(id byte, body []byte) []byte {
	return append([]byte{id, byte(len(body))}, body...)
}

func vecString(s string) []byte { return append([]byte{byte(len(s))}, s...) }

func stderrOf(err error) string {
	if f, ok := err.(*runtime.Fault); ok {
		return f.Stderr
	}
	return ""
}
