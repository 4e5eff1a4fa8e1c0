package guests_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
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
	listed := sums(t)
	for name, code := range embedded {
		checkSum(t, name, code, listed[name])
	}
}

// TestListedGuestsExist checks every file SHA256SUMS lists, embedded or
// not (the example filter is built and listed, never embedded), and that
// no .wasm in the folder is missing from the list.
func TestListedGuestsExist(t *testing.T) {
	listed := sums(t)
	for name, sum := range listed {
		code, err := os.ReadFile(filepath.Join("wasm", name))
		if err != nil {
			t.Errorf("SHA256SUMS lists %s: %v", name, err)
			continue
		}
		checkSum(t, name, code, sum)
	}
	files, _ := filepath.Glob(filepath.Join("wasm", "*.wasm"))
	for _, f := range files {
		if _, ok := listed[filepath.Base(f)]; !ok {
			t.Errorf("%s is not in SHA256SUMS; run make guests", f)
		}
	}
}

func sums(t *testing.T) map[string]string {
	t.Helper()
	listed := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(guests.Sums), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q: want \"<sha256>  <file>\"", line)
		}
		listed[name] = sum
	}
	return listed
}

func checkSum(t *testing.T, name string, code []byte, want string) {
	t.Helper()
	got := sha256.Sum256(code)
	if hex.EncodeToString(got[:]) != want {
		t.Errorf("%s: sha256 %x, SHA256SUMS says %q; run make guests", name, got, want)
	}
	if len(code) < 1024 {
		t.Errorf("%s: %d bytes, not a guest", name, len(code))
	}
}
