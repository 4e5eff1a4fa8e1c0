// Package policy holds the operator's decisions that do not depend on the
// Docker daemon: which tools exist. Host safety (what a create or a build
// may ask of the daemon) is enforced inside the host functions, in package
// hostfuncs/docker, on the request that is sent.
package policy

import (
	"fmt"
	"slices"

	"github.com/dockmcp/dockmcp/runtime/abi"
	"github.com/dockmcp/dockmcp/runtime/tools"
)

// Tools selects the tools a host serves. The selection reads only the
// tools' annotations and names; a tool it removes is not listed and a call
// to it is an unknown tool.
type Tools struct {
	// ReadOnly keeps only tools annotated readOnlyHint.
	ReadOnly bool
	// NoDestructive removes tools annotated destructiveHint.
	NoDestructive bool
	// Allow, when not empty, keeps only the tools it names.
	Allow []string
	// Deny removes the tools it names; it wins over Allow and the modes.
	Deny []string
	// NoExec removes the tools that use the container_exec operation.
	NoExec bool
}

// Keep reports whether d survives the selection, and if not, why (the
// configuration key that removed it).
func (p Tools) Keep(d *tools.Descriptor) (bool, string) {
	a := d.Annotations
	switch {
	case slices.Contains(p.Deny, d.Name):
		return false, "policy.tools.deny"
	case len(p.Allow) > 0 && !slices.Contains(p.Allow, d.Name):
		return false, "policy.tools.allow"
	case p.ReadOnly && !*a.ReadOnlyHint:
		return false, "policy.readOnly"
	case p.NoDestructive && *a.DestructiveHint:
		return false, "policy.noDestructive"
	case p.NoExec && slices.Contains(d.Operations, abi.OpContainerExec):
		return false, "policy.exec.enabled"
	}
	return true, ""
}

// Apply returns the tools of c that p keeps, and one warning per name in
// Allow or Deny that is no tool of c: a typo must not pass unnoticed, but
// it must not stop the server either.
func (p Tools) Apply(c *tools.Catalog) (*tools.Catalog, []string) {
	var warnings []string
	for _, list := range []struct {
		key   string
		names []string
	}{{"policy.tools.allow", p.Allow}, {"policy.tools.deny", p.Deny}} {
		for _, name := range list.names {
			if _, ok := c.Lookup(name); !ok {
				warnings = append(warnings, fmt.Sprintf("%s names %q, which is no tool "+
					"(dockmcp tools lists them); ignored", list.key, name))
			}
		}
	}
	return c.Select(func(d *tools.Descriptor) bool {
		ok, _ := p.Keep(d)
		return ok
	}), warnings
}
