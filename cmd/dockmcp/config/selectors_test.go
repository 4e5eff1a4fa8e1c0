package config_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/config"
)

// The selectors' keys: a bad pattern, a label without key and a misspelt
// key are refused with line and field; a good file reads as written.
func TestSelectorKeys(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"bad pattern", "policy:\n  containers:\n    names: [app-*, 'web-[']\n",
			`c.yaml:3: policy.containers.names[1]: "web-[" is not a name pattern`},
		{"bad exec pattern", "policy:\n  exec:\n    containers:\n      names:\n        - '['\n",
			`c.yaml:5: policy.exec.containers.names[0]: "[" is not a name pattern`},
		{"label without key", "policy:\n  containers:\n    labels: [team, =web]\n",
			"c.yaml:3: policy.containers.labels[1]: '=web' does not match pattern"},
		{"misspelt key", "policy:\n  containers:\n    name: [app-*]\n",
			"c.yaml:3: policy.containers.name: is not a known key"},
		{"not a bool", "policy:\n  containers: {createdByDockmcp: yes please}\n",
			"policy.containers.createdByDockmcp: got string, want boolean"},
	} {
		_, err := config.Parse("c.yaml", []byte(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	cfg, err := config.Parse("c.yaml", []byte("policy:\n  containers:\n"+
		"    names: [app-*]\n    labels: [team=web, tier]\n    createdByDockmcp: true\n"+
		"  exec:\n    containers: {labels: [exec=ok]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	c, e := cfg.Policy.Containers, cfg.Policy.Exec.Containers
	if !slices.Equal(c.Names, []string{"app-*"}) ||
		!slices.Equal(c.Labels, []string{"team=web", "tier"}) || !c.CreatedByDockmcp ||
		!slices.Equal(e.Labels, []string{"exec=ok"}) || e.Names != nil || e.CreatedByDockmcp {
		t.Errorf("parsed %+v", cfg.Policy)
	}
}
