package config_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/config"
)

const sum = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

// Each bad file is refused with the line and the field that is wrong.
func TestBadFilesNameLineAndField(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"unknown top key", "filterz: []\n", "c.yaml:1: filterz: is not a known key"},
		{"two documents", "policy:\n  readOnly: true\n---\nfoo: bar\n",
			"c.yaml:3: the file holds more than one YAML document"},
		{"alias", "x: &a [1]\npolicy:\n  tools:\n    deny: *a\n",
			"c.yaml:4: YAML aliases (*name) are not accepted"},
		{"unknown filter key", "filters:\n  - path: a.wasm\n    sha256: " + sum +
			"\n    memoryMB: 64\n", "c.yaml:4: filters[0].memoryMB: is not a known key"},
		{"missing sha256", "# comment\nfilters:\n  - path: a.wasm\n",
			"c.yaml:3: filters[0].sha256: is required"},
		{"bad sha256", "filters:\n  - path: a.wasm\n    sha256: ABC\n",
			"c.yaml:3: filters[0].sha256: 'ABC' does not match pattern"},
		{"second entry", "filters:\n  - path: a.wasm\n    sha256: " + sum +
			"\n  - path: b.wasm\n    sha256: " + sum + "\n    deadlineSeconds: 0\n",
			"c.yaml:6: filters[1].deadlineSeconds: exclusiveMinimum: got 0"},
		{"memory as string", "filters:\n  - {path: a.wasm, sha256: " + sum +
			", memoryMiB: lots}\n", "c.yaml:2: filters[0].memoryMiB: got string, want integer"},
		{"filters not a list", "filters:\n  path: a.wasm\n",
			"c.yaml:1: filters: got object, want array"},
		{"duplicate name", "filters:\n  - {path: x/a.wasm, sha256: " + sum +
			"}\n  - {path: y/a.wasm, sha256: " + sum + "}\n",
			`c.yaml:3: filters[1].name: "a" is already the name of filters[0]`},
		{"duplicate key", "filters: []\nfilters: []\n",
			"c.yaml:2: filters: is given twice (first on line 1); keep one"},
		{"nested duplicate", "policy:\n  tools:\n    deny: [a]\n    deny: [b]\n",
			"c.yaml:4: policy.tools.deny: is given twice (first on line 3)"},
		{"not yaml", "a: 1\nb: 2\nc: [1, 2\nd: 3\n",
			"c.yaml:2: the YAML is malformed near this line: did not find expected ',' or ']'"},
		{"bad indent", "policy:\n  readOnly: true\n filters: []\n",
			"c.yaml:2: the YAML is malformed near this line: did not find expected key"},
		{"no line", "a: b: c\n", "c.yaml: the YAML is malformed: mapping values are not allowed"},
		{"not a mapping", "- a\n", "c.yaml:1: (top level): got array, want object"},
	} {
		_, err := config.Parse("c.yaml", []byte(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestGoodFile(t *testing.T) {
	cfg, err := config.Parse("/etc/dockmcp/c.yaml", []byte(`
filters:
  - path: filters/corp.wasm   # relative to this file
    sha256: `+sum+`
  - path: /opt/f/other.wasm
    sha256: `+sum+`
    name: mine
    memoryMiB: 32
    deadlineSeconds: 0.5
    maxExpansion: 1.5
`))
	if err != nil {
		t.Fatal(err)
	}
	a, b := cfg.Filters[0], cfg.Filters[1]
	if a.Path != "/etc/dockmcp/filters/corp.wasm" || a.Name != "corp" || a.Line != 3 ||
		a.Memory() != 128<<20 || a.Deadline() != 10*time.Second || a.Expansion() != 4 {
		t.Errorf("defaults: %+v", a)
	}
	if b.Path != "/opt/f/other.wasm" || b.Name != "mine" || b.Memory() != 32<<20 ||
		b.Deadline() != 500*time.Millisecond || b.Expansion() != 1.5 {
		t.Errorf("set: %+v", b)
	}
	wd, _ := os.Getwd()
	cfg, err = config.Parse("sub/c.yaml", []byte("filters:\n  - {path: a.wasm, sha256: "+sum+
		"}\naudit: {file: audit.log}\npolicy: {binds: {allowedRoots: [data]}}\n"))
	if err != nil || cfg.Filters[0].Path != filepath.Join(wd, "sub/a.wasm") ||
		cfg.Audit.File != filepath.Join(wd, "sub/audit.log") ||
		cfg.Policy.Binds.AllowedRoots[0] != filepath.Join(wd, "sub/data") {
		t.Errorf("relative paths are not resolved against the file's folder: %v %+v", err, cfg)
	}
	digits := strings.Repeat("0", 63) + "1"
	cfg, err = config.Parse("c.yaml", []byte("filters:\n  - {path: a.wasm, sha256: "+digits+"}\n"))
	if err != nil || cfg.Filters[0].SHA256 != digits {
		t.Errorf("a sum of digits: %v", err)
	}
	for _, empty := range []string{"", "# nothing yet\n", "filters: []\n"} {
		if cfg, err := config.Parse("c.yaml", []byte(empty)); err != nil || len(cfg.Filters) != 0 {
			t.Errorf("%q: %v", empty, err)
		}
	}
}

func TestReadChecksThePin(t *testing.T) {
	dir := t.TempDir()
	wasm := []byte("\x00asm not really")
	path := filepath.Join(dir, "f.wasm")
	if err := os.WriteFile(path, wasm, 0o644); err != nil {
		t.Fatal(err)
	}
	good := sha256.Sum256(wasm)
	f := config.Filter{Path: path, Name: "f", SHA256: hex.EncodeToString(good[:]),
		File: "c.yaml", Line: 3}
	if b, err := f.Read(); err != nil || string(b) != string(wasm) {
		t.Fatalf("good pin: %v", err)
	}
	f.SHA256 = sum
	_, err := f.Read()
	if err == nil || !strings.Contains(err.Error(), "c.yaml:3: filter f:") ||
		!strings.Contains(err.Error(), hex.EncodeToString(good[:])) ||
		!strings.Contains(err.Error(), sum) {
		t.Errorf("mismatch: %v", err)
	}
	f.Path = filepath.Join(dir, "gone.wasm")
	if _, err := f.Read(); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing: %v", err)
	}
	// A filter named on the command line carries no pin.
	if _, err := config.FromPath(path).Read(); err != nil {
		t.Errorf("unpinned: %v", err)
	}
	// What is not WebAssembly is refused, pinned or not.
	text := filepath.Join(dir, "notes.wasm")
	if err := os.WriteFile(text, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	hello := sha256.Sum256([]byte("hello"))
	for _, f := range []config.Filter{config.FromPath(text),
		{Path: text, Name: "n", SHA256: hex.EncodeToString(hello[:])}} {
		if _, err := f.Read(); err == nil || !strings.Contains(err.Error(),
			"is not a WebAssembly module") {
			t.Errorf("%+v: %v", f, err)
		}
	}
}
