package main

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/config"
	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/hostfuncs/docker"
	"github.com/dockmcp/dockmcp/runtime/policy"
)

// Environment variables that override the file's policy; the flags
// override them in turn.
const (
	envReadOnly      = "DOCKMCP_READ_ONLY"
	envNoDestructive = "DOCKMCP_DISABLE_DESTRUCTIVE"
	envTools         = "DOCKMCP_TOOLS"
	envExcludeTools  = "DOCKMCP_EXCLUDE_TOOLS"
	// envConfirmFallback overrides policy.confirm.fallback: allow or deny.
	envConfirmFallback = "DOCKMCP_CONFIRM_FALLBACK"
)

// policyFlags are the policy's flags, shared by every command.
type policyFlags struct {
	fs            *pflag.FlagSet
	readOnly      bool
	noDestructive bool
	tools         []string
	excludeTools  []string
}

func (f *policyFlags) register(fs *pflag.FlagSet) {
	f.fs = fs
	fs.BoolVar(&f.readOnly, "read-only", false,
		"serve only read-only tools (policy.readOnly; $"+envReadOnly+")")
	fs.BoolVar(&f.noDestructive, "disable-destructive", false,
		"remove destructive tools (policy.noDestructive; $"+envNoDestructive+")")
	fs.StringSliceVar(&f.tools, "tools", nil,
		"serve only these tools, comma-separated (replaces policy.tools.allow; $"+envTools+")")
	fs.StringSliceVar(&f.excludeTools, "exclude-tools", nil,
		"never serve these tools, comma-separated (added to policy.tools.deny; $"+
			envExcludeTools+")")
}

// apply overrides p with the environment, then with the flags given. A
// list given on the command line replaces allow and adds to deny: deny
// lists only grow.
func (f *policyFlags) apply(p *config.Policy) error {
	if err := envBool(envReadOnly, &p.ReadOnly); err != nil {
		return err
	}
	if err := envBool(envNoDestructive, &p.NoDestructive); err != nil {
		return err
	}
	// An empty list leaves the file's: it must not widen it to every tool.
	if v := splitList([]string{os.Getenv(envTools)}); len(v) > 0 {
		p.Tools.Allow = v
	}
	if v, ok := os.LookupEnv(envExcludeTools); ok {
		p.Tools.Deny = append(p.Tools.Deny, splitList([]string{v})...)
	}
	if v, ok := os.LookupEnv(envConfirmFallback); ok && strings.TrimSpace(v) != "" {
		v = strings.TrimSpace(v)
		if v != server.FallbackAllow && v != server.FallbackDeny {
			return fmt.Errorf("$%s=%q: want allow or deny", envConfirmFallback, v)
		}
		p.Confirm.Fallback = v
	}
	if f.fs == nil {
		return nil
	}
	if f.fs.Changed("read-only") {
		p.ReadOnly = f.readOnly
	}
	if f.fs.Changed("disable-destructive") {
		p.NoDestructive = f.noDestructive
	}
	if v := splitList(f.tools); f.fs.Changed("tools") && len(v) > 0 {
		p.Tools.Allow = v
	}
	p.Tools.Deny = append(p.Tools.Deny, splitList(f.excludeTools)...)
	p.Tools.Deny = slices.Compact(p.Tools.Deny)
	return nil
}

func envBool(name string, dst *bool) error {
	v, ok := os.LookupEnv(name)
	if !ok || strings.TrimSpace(v) == "" {
		return nil
	}
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		return fmt.Errorf("$%s=%q: want 1, 0, true or false", name, v)
	}
	*dst = b
	return nil
}

// splitList splits each value at commas and trims the parts; empty parts
// are dropped.
func splitList(values []string) []string {
	var out []string
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// toolPolicy and safety translate the file's policy for the server.
func toolPolicy(p config.Policy) policy.Tools {
	return policy.Tools{ReadOnly: p.ReadOnly, NoDestructive: p.NoDestructive,
		Allow: p.Tools.Allow, Deny: p.Tools.Deny, NoExec: !p.ExecEnabled()}
}

// confirm translates policy.confirm; empty values stay the defaults.
func confirm(p config.Policy) server.Confirm {
	return server.Confirm{Destructive: p.Confirm.Destructive, Fallback: p.Confirm.Fallback,
		Timeout: time.Duration(p.Confirm.TimeoutSeconds * float64(time.Second))}
}

func safety(p config.Policy) docker.Safety {
	return docker.Safety{Allow: p.HostSafety.Allow, BindRoots: p.Binds.AllowedRoots,
		BindWritable: p.Binds.Writable}
}

func selectors(p config.Policy) docker.Selectors {
	sel := func(s config.Selector) docker.Selector {
		return docker.Selector{Names: s.Names, Labels: s.Labels,
			CreatedByDockmcp: s.CreatedByDockmcp}
	}
	return docker.Selectors{Containers: sel(p.Containers), Exec: sel(p.Exec.Containers)}
}
