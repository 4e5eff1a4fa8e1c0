package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A broken file prints its line and field and exits 1; nothing on stdout.
func TestConfigCheckBrokenFile(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"policy:\n  readOnly: true\n  binds:\n    writable: maybe\n",
			"c.yaml:4: policy.binds.writable: got string, want boolean"},
		{"policy:\n  hostSafety:\n    allow: [privileged, rootful]\n",
			"c.yaml:3: policy.hostSafety.allow[1]: value must be one of"},
		{"policy:\n  readonly: true\n", "c.yaml:2: policy.readonly: is not a known key"},
		{"audit:\n  file: ''\n", "c.yaml:2: audit.file: minLength"},
	} {
		file := filepath.Join(t.TempDir(), "c.yaml")
		if err := os.WriteFile(file, []byte(tc.yaml), 0o600); err != nil {
			t.Fatal(err)
		}
		out, errOut, code := dockmcp(t, nil, "config", "check", "--config", file)
		if code != 1 || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("exit %d, stdout %q, stderr %q; want %q", code, out, errOut, tc.want)
		}
	}
}

// A good file prints the effective policy: the file's keys with relative
// paths resolved, the flags over them, and the tools served.
func TestConfigCheckPrintsEffectivePolicy(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(file, []byte("policy:\n  tools:\n    deny: [list_images]\n"+
		"  binds: {allowedRoots: [data], writable: true}\n  exec: {enabled: false}\n"+
		"audit: {file: audit.jsonl}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := dockmcp(t, nil, "--read-only", "--exclude-tools", "system_df",
		"config", "check", "--config", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Policy struct {
			ReadOnly bool
			Tools    struct{ Deny []string }
			Binds    struct {
				AllowedRoots []string
				Writable     bool
			}
			Exec struct{ Enabled bool }
		}
		Tools []string
		Audit struct{ File string }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	p := got.Policy
	if !p.ReadOnly || !slices.Equal(p.Tools.Deny, []string{"list_images", "system_df"}) ||
		!slices.Equal(p.Binds.AllowedRoots, []string{filepath.Join(dir, "data")}) ||
		!p.Binds.Writable || p.Exec.Enabled || got.Audit.File != filepath.Join(dir, "audit.jsonl") {
		t.Errorf("effective policy %s", out)
	}
	if len(got.Tools) == 0 || slices.Contains(got.Tools, "list_images") ||
		slices.Contains(got.Tools, "system_df") || slices.Contains(got.Tools, "create_volume") ||
		slices.Contains(got.Tools, "exec_container") ||
		!slices.Contains(got.Tools, "list_containers") {
		t.Errorf("tools %v", got.Tools)
	}
}

// A filter file that is missing or does not match its pinned sha256 fails
// the check, as it would fail serve; every such filter is named.
func TestConfigCheckReadsFilters(t *testing.T) {
	dir := t.TempDir()
	wasm := filepath.Join(dir, "f.wasm")
	if err := os.WriteFile(wasm, []byte("\x00asm\x01\x00\x00\x00"), 0o600); err != nil {
		t.Fatal(err)
	}
	const right = "93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476"
	zeros := strings.Repeat("0", 64)
	for _, tc := range []struct {
		filters string
		code    int
		want    []string
	}{
		{"[{path: f.wasm, sha256: " + right + "}]", 0, nil},
		{"[{path: f.wasm, sha256: " + zeros + "}, {path: gone.wasm, sha256: " + zeros + "}]",
			1, []string{"c.yaml:1: filter f: " + wasm + " has sha256 " + right,
				"filter gone: open " + filepath.Join(dir, "gone.wasm")}},
	} {
		file := filepath.Join(dir, "c.yaml")
		if err := os.WriteFile(file, []byte("filters: "+tc.filters+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, errOut, code := dockmcp(t, nil, "config", "check", "--config", file)
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d: %s", tc.filters, code, tc.code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%s: stderr %q lacks %q", tc.filters, errOut, w)
			}
		}
	}
}

// An audit file serve could not open fails the check; the check creates
// nothing.
func TestConfigCheckAuditFile(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		file string
		code int
		want string
	}{
		{filepath.Join(dir, "audit.jsonl"), 0, ""},
		{filepath.Join(dir, "no", "audit.jsonl"), 1, "is not there"},
		{dir, 1, "is not a regular file"},
	} {
		file := filepath.Join(dir, "c.yaml")
		if err := os.WriteFile(file, []byte("audit: {file: '"+tc.file+"'}\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, errOut, code := dockmcp(t, nil, "config", "check", "--config", file)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d, %q", tc.file, code, errOut, tc.code,
				tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "audit.jsonl")); err == nil {
		t.Error("config check created the audit file")
	}
}
