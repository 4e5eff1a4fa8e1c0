package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Flags and environment variables override the file, and a removed tool is
// unknown through `dockmcp call` too. create_volume is called without its
// required name: when it exists the call fails on its arguments, before
// the daemon; when it is removed it fails as unknown.
func TestPolicyFlagsAndEnv(t *testing.T) {
	dir := t.TempDir()
	readOnly := filepath.Join(dir, "ro.yaml")
	if err := os.WriteFile(readOnly, []byte("policy:\n  readOnly: true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	allow := filepath.Join(dir, "allow.yaml")
	err := os.WriteFile(allow, []byte("policy:\n  tools:\n    allow: [list_images]\n"), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	const unknown, exists = `Unknown tool \"create_volume\"`, "name"
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"default", nil, nil, exists},
		{"--read-only", nil, []string{"--read-only"}, unknown},
		{"file", nil, []string{"--config", readOnly}, unknown},
		{"flag over file", nil, []string{"--config", readOnly, "--read-only=false"}, exists},
		{"env", map[string]string{envReadOnly: "1"}, nil, unknown},
		{"env over file", map[string]string{envReadOnly: "0"}, []string{"--config", readOnly}, exists},
		{"flag over env", map[string]string{envReadOnly: "1"}, []string{"--read-only=false"}, exists},
		{"--disable-destructive keeps create", nil, []string{"--disable-destructive"}, exists},
		{"--tools", nil, []string{"--tools", " list_containers , list_images"}, unknown},
		{"$DOCKMCP_TOOLS", map[string]string{envTools: "list_images, create_volume"}, nil, exists},
		{"empty $DOCKMCP_TOOLS keeps the file's list", map[string]string{envTools: " "},
			[]string{"--config", allow}, unknown},
		{"empty --tools keeps the file's list", nil, []string{"--config", allow, "--tools", ""},
			unknown},
		{"--exclude-tools", nil, []string{"--exclude-tools", "list_images, create_volume"}, unknown},
		{"exclude wins", nil, []string{"--tools", "create_volume", "--exclude-tools",
			"create_volume"}, unknown},
		{"$DOCKMCP_EXCLUDE_TOOLS", map[string]string{envExcludeTools: "create_volume"}, nil,
			unknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			args := append(tc.args, "call", "create_volume", "{}")
			out, errOut, code := dockmcp(t, nil, args...)
			if code != 1 || !strings.Contains(out, tc.want) {
				t.Errorf("exit %d, stdout %s, stderr %s; want %q", code, out, errOut, tc.want)
			}
		})
	}
}

// A tool name that is no tool is a warning on stderr, not a crash.
func TestUnknownToolNameWarns(t *testing.T) {
	out, errOut, code := dockmcp(t, nil, "--tools", "system_version,nosuchtool", "--exclude-tools",
		"alsonot", "call", "system_version")
	if code != 0 || !strings.Contains(errOut, `policy.tools.allow names \"nosuchtool\"`) ||
		!strings.Contains(errOut, `policy.tools.deny names \"alsonot\"`) {
		t.Errorf("exit %d, stdout %s, stderr %s", code, out, errOut)
	}
	_, errOut, code = dockmcp(t, nil, "call", "system_version")
	if code != 0 || strings.Contains(errOut, "policy") {
		t.Errorf("exit %d, stderr %s", code, errOut)
	}
	t.Setenv(envReadOnly, "maybe")
	_, errOut, code = dockmcp(t, nil, "call", "system_version")
	if code != 1 || !strings.Contains(errOut, "DOCKMCP_READ_ONLY") {
		t.Errorf("exit %d, stderr %s", code, errOut)
	}
}
