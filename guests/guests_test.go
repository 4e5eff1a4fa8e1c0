package guests_test

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/dockmcp/dockmcp/guests"
)

// TestEmbeddedGuestsMatchSums checks the embedded .wasm bytes against the
// committed SHA256SUMS; `make check` rebuilds the guests and fails on a diff,
// so together they tie the embedded bytes to their sources.
func TestEmbeddedGuestsMatchSums(t *testing.T) {
	embedded := map[string][]byte{
		"tools.wasm":        guests.ToolsWasm,
		"secretfilter.wasm": guests.SecretFilterWasm,
	}
	listed := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(guests.Sums), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q: want \"<sha256>  <file>\"", line)
		}
		listed[name] = sum
	}
	for name, code := range embedded {
		got := sha256.Sum256(code)
		if hex.EncodeToString(got[:]) != listed[name] {
			t.Errorf("%s: embedded sha256 %x, SHA256SUMS says %q; run make guests",
				name, got, listed[name])
		}
		if len(code) < 1024 {
			t.Errorf("%s: %d bytes, not a guest", name, len(code))
		}
	}
	if len(listed) != len(embedded) {
		t.Errorf("SHA256SUMS lists %d guests, %d are embedded", len(listed), len(embedded))
	}
}
