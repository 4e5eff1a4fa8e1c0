package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dockmcp/dockmcp/guests"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// cliResult is the result `dockmcp call` prints.
type cliResult struct {
	Content []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	} `json:"content"`
	StructuredContent json.RawMessage `json:"structuredContent"`
	IsError           bool            `json:"isError"`
}

func (r cliResult) text() string {
	var parts []string
	for _, c := range r.Content {
		parts = append(parts, c.Text)
	}
	return strings.Join(parts, "\n")
}

// callCLI runs `dockmcp call` and decodes the result it prints, which it
// must print whether the call succeeded or not.
func callCLI(t *testing.T, env []string, args ...string) (cliResult, cliRun) {
	t.Helper()
	r := runCLI(t, env, append([]string{"call"}, args...)...)
	var res cliResult
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatalf("dockmcp call %v: stdout is not a result (%v):\n%s\nstderr: %s",
			args, err, r.stdout, r.stderr)
	}
	return res, r
}

// TestCLI covers the commands a person types, with the exit code and what
// each must print. None needs a daemon.
func TestCLI(t *testing.T) {
	t.Parallel()
	t.Run("call unknown tool", func(t *testing.T) {
		t.Parallel()
		res, r := callCLI(t, nil, "nosuch")
		if r.code != 1 || !res.IsError || !strings.Contains(res.text(), `Unknown tool "nosuch"`) {
			t.Errorf("exit %d, isError %v, text %q; want 1, an unknown-tool error",
				r.code, res.IsError, res.text())
		}
	})
	t.Run("call with arguments that are not JSON", func(t *testing.T) {
		t.Parallel()
		res, r := callCLI(t, nil, "list_containers", "not json")
		if r.code != 1 || !res.IsError || !strings.Contains(res.text(), "not valid JSON") {
			t.Errorf("exit %d, isError %v, text %q; want 1, an error on the JSON",
				r.code, res.IsError, res.text())
		}
	})
	t.Run("tools", func(t *testing.T) {
		t.Parallel()
		r := runCLI(t, nil, "tools")
		for _, name := range wantTools {
			if r.code != 0 || !strings.Contains(r.stdout, name) {
				t.Errorf("exit %d, tools lacks %s:\n%s", r.code, name, r.stdout)
			}
		}
	})
	t.Run("version", func(t *testing.T) {
		t.Parallel()
		r := runCLI(t, nil, "version")
		checkVersion(t, r)
	})
}

// checkVersion checks that `dockmcp version` prints the sha256 of each
// embedded guest next to its file name.
func checkVersion(t *testing.T, r cliRun) {
	t.Helper()
	if r.code != 0 || !strings.HasPrefix(r.stdout, "dockmcp ") {
		t.Errorf("version: exit %d:\n%s", r.code, r.stdout)
	}
	for file, wasm := range map[string][]byte{
		"tools.wasm": guests.ToolsWasm, "secretfilter.wasm": guests.SecretFilterWasm,
	} {
		sum := sha256.Sum256(wasm)
		if line := hex.EncodeToString(sum[:]) + "  " + file; !strings.Contains(r.stdout, line) {
			t.Errorf("version lacks %q:\n%s", line, r.stdout)
		}
	}
}

// TestCLICallList checks `dockmcp call list_containers '{"all":true}'`
// against the daemon: exit 0 and the rows in structuredContent.
func TestCLICallList(t *testing.T) {
	t.Parallel()
	dockertest.Client(t)
	_, name := dockertest.Run(t, dockertest.Options{})
	res, r := callCLI(t, nil, "list_containers", `{"all":true}`)
	if r.code != 0 || res.IsError {
		t.Fatalf("exit %d, isError %v: %s", r.code, res.IsError, res.text())
	}
	var list struct {
		Containers []containerRow `json:"containers"`
		Truncated  bool           `json:"truncated"`
	}
	if err := json.Unmarshal(res.StructuredContent, &list); err != nil || list.Containers == nil {
		t.Fatalf("structuredContent.containers: %v:\n%s", err, res.StructuredContent)
	}
	if _, ok := findRow(t, res.StructuredContent, name); !ok && !list.Truncated {
		t.Errorf("%s is not among the %d rows", name, len(list.Containers))
	}
}

// TestCLIDaemonUnreachable checks that a daemon that cannot be reached is an
// error result naming the endpoint, exit 1, and no panic.
func TestCLIDaemonUnreachable(t *testing.T) {
	t.Parallel()
	const endpoint = "unix:///nonexistent.sock"
	res, r := callCLI(t, []string{"DOCKER_HOST=" + endpoint}, "validate_connection")
	if r.code != 1 || !res.IsError || !strings.Contains(res.text(), endpoint) {
		t.Errorf("exit %d, isError %v, text %q; want 1, an error naming %s",
			r.code, res.IsError, res.text(), endpoint)
	}
}
