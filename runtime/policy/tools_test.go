package policy_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockmcp/dockmcp/guests"
	"github.com/dockmcp/dockmcp/runtime/policy"
	"github.com/dockmcp/dockmcp/runtime/tools"
)

func catalog(t *testing.T) *tools.Catalog {
	t.Helper()
	c, err := tools.Parse(guests.ToolDescriptors()...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func names(c *tools.Catalog) []string {
	var out []string
	for _, d := range c.All() {
		out = append(out, d.Name)
	}
	return out
}

// Each mode and list, alone and combined, against the shipped catalog: what
// stays is decided by the annotations and names only, and deny always wins.
func TestToolSelection(t *testing.T) {
	c := catalog(t)
	all := names(c)
	readOnly, notDestructive := func(d *tools.Descriptor) bool { return *d.Annotations.ReadOnlyHint },
		func(d *tools.Descriptor) bool { return !*d.Annotations.DestructiveHint }
	want := func(keep func(*tools.Descriptor) bool) []string { return names(c.Select(keep)) }
	for _, tc := range []struct {
		name string
		p    policy.Tools
		want []string
	}{
		{"zero serves all", policy.Tools{}, all},
		{"read-only", policy.Tools{ReadOnly: true}, want(readOnly)},
		{"no destructive", policy.Tools{NoDestructive: true}, want(notDestructive)},
		{"allow", policy.Tools{Allow: []string{"list_containers", "remove_container"}},
			[]string{"list_containers", "remove_container"}},
		{"deny", policy.Tools{Deny: []string{"remove_container"}},
			slices.DeleteFunc(slices.Clone(all), func(n string) bool { return n == "remove_container" })},
		{"deny wins over allow", policy.Tools{Allow: []string{"list_containers", "remove_container"},
			Deny: []string{"remove_container"}}, []string{"list_containers"}},
		{"read-only wins over allow", policy.Tools{ReadOnly: true,
			Allow: []string{"list_containers", "remove_container"}}, []string{"list_containers"}},
		{"no destructive wins over allow", policy.Tools{NoDestructive: true,
			Allow: []string{"list_containers", "remove_container"}}, []string{"list_containers"}},
		{"exec off", policy.Tools{NoExec: true, Allow: []string{"exec_container", "list_containers"}},
			[]string{"list_containers"}},
	} {
		got, warnings := tc.p.Apply(c)
		if !slices.Equal(names(got), tc.want) || len(warnings) > 0 {
			t.Errorf("%s: got %v (warnings %v), want %v", tc.name, names(got), warnings, tc.want)
		}
	}
	if len(want(readOnly)) == 0 || len(want(readOnly)) == len(all) {
		t.Fatal("the catalog should have read-only and other tools")
	}
}

// Keep names the key that removed a tool.
func TestKeepNamesTheKey(t *testing.T) {
	c := catalog(t)
	rm, _ := c.Lookup("remove_container")
	for _, tc := range []struct {
		p   policy.Tools
		key string
	}{
		{policy.Tools{ReadOnly: true}, "policy.readOnly"},
		{policy.Tools{NoDestructive: true}, "policy.noDestructive"},
		{policy.Tools{Allow: []string{"ping"}}, "policy.tools.allow"},
		{policy.Tools{Deny: []string{"remove_container"}}, "policy.tools.deny"},
	} {
		if ok, key := tc.p.Keep(rm); ok || key != tc.key {
			t.Errorf("%+v: %v %q, want %q", tc.p, ok, key, tc.key)
		}
	}
}

// A name that is no tool is a warning, never an error.
func TestUnknownNamesWarn(t *testing.T) {
	got, warnings := policy.Tools{Allow: []string{"list_containers", "list_contaners"},
		Deny: []string{"nope"}}.Apply(catalog(t))
	if !slices.Equal(names(got), []string{"list_containers"}) || len(warnings) != 2 ||
		!strings.Contains(warnings[0], `policy.tools.allow names "list_contaners"`) ||
		!strings.Contains(warnings[1], `policy.tools.deny names "nope"`) {
		t.Errorf("got %v, warnings %q", names(got), warnings)
	}
}
