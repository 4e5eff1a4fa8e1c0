package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

type printedSelector struct {
	Names            []string
	Labels           []string
	CreatedByDockmcp bool
}

// config check prints the selectors in force, and the defaults (empty
// lists, false) when the file sets none.
func TestConfigCheckPrintsSelectors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(file, []byte("policy:\n  containers:\n    names: [app-*]\n"+
		"    createdByDockmcp: true\n  exec:\n    containers: {labels: [exec=ok]}\n"),
		0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.yaml")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	read := func(file string) (c, e printedSelector, raw string) {
		out, errOut, code := dockmcp(t, nil, "config", "check", "--config", file)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var got struct {
			Policy struct {
				Containers printedSelector
				Exec       struct{ Containers printedSelector }
			}
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return got.Policy.Containers, got.Policy.Exec.Containers, out
	}
	c, e, out := read(file)
	if !slices.Equal(c.Names, []string{"app-*"}) || !c.CreatedByDockmcp || c.Labels == nil ||
		len(c.Labels) != 0 || !slices.Equal(e.Labels, []string{"exec=ok"}) {
		t.Errorf("effective policy %s", out)
	}
	c, e, out = read(empty)
	if c.Names == nil || c.Labels == nil || e.Names == nil || len(c.Names)+len(e.Labels) != 0 ||
		c.CreatedByDockmcp {
		t.Errorf("defaults %s", out)
	}
}
