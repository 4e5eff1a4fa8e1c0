package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/config"
	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/guests"
	"github.com/dockmcp/dockmcp/runtime/tools"
)

func configCmd(s streams, g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Work with the configuration file",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(&cobra.Command{
		Use: "check",
		Short: "Validate the configuration, check each filter file against its sha256, " +
			"and print the effective policy (after flags and environment)",
		Example: `  dockmcp config check --config /etc/dockmcp.yaml
  dockmcp config check --config dockmcp.yaml --read-only`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			cfg, err := g.config()
			if err != nil {
				return err
			}
			// serve refuses to start on a missing or changed filter file:
			// so does the check.
			var bad []error
			for _, f := range cfg.Filters {
				if _, err := f.Read(); err != nil {
					bad = append(bad, err)
				}
			}
			if err := checkAuditFile(cfg.Audit.File); err != nil {
				bad = append(bad, err)
			}
			if len(bad) > 0 {
				return errors.Join(bad...)
			}
			return writeEffective(s, cfg)
		},
	})
	return cmd
}

// checkAuditFile reports an audit file serve could not open: in a folder
// that is not there, or a folder itself. It creates nothing.
func checkAuditFile(path string) error {
	if path == "" {
		return nil
	}
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("audit.file: %s is not a regular file", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return fmt.Errorf("audit.file: %w", err)
		}
		return f.Close()
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("audit.file: the folder %s of %s is not there; create it, or "+
			"name a file in a folder that is", dir, path)
	}
	return nil
}

// effective is what config check prints: the policy in force, the tools it
// serves and the audit log.
type effective struct {
	File   string        `json:"file"`
	Policy config.Policy `json:"policy"`
	Tools  []string      `json:"tools"`
	Audit  config.Audit  `json:"audit"`
	// Filters are the filter files, in order.
	Filters []string `json:"filters"`
}

func writeEffective(s streams, cfg *config.Config) error {
	catalog, err := tools.Parse(guests.ToolDescriptors()...)
	if err != nil {
		return err
	}
	served, warnings := toolPolicy(cfg.Policy).Apply(catalog)
	for _, w := range warnings {
		fmt.Fprintln(s.err, "dockmcp: warning:", w)
	}
	out := effective{File: cfg.File, Policy: cfg.Policy, Tools: []string{},
		Audit: cfg.Audit, Filters: []string{}}
	p := &out.Policy
	p.Exec.Enabled = new(cfg.Policy.ExecEnabled())
	p.Confirm.Destructive = cmp.Or(p.Confirm.Destructive, server.ConfirmAsk)
	p.Confirm.Fallback = cmp.Or(p.Confirm.Fallback, server.FallbackDeny)
	p.Confirm.TimeoutSeconds = cmp.Or(p.Confirm.TimeoutSeconds,
		server.DefaultConfirmTimeout.Seconds())
	if len(p.Build.Roots) == 0 {
		wd, err := os.Getwd()
		if err != nil {
			return err
		}
		p.Build.Roots = []string{wd} // server.New's default
	}
	for _, l := range []*[]string{&p.Tools.Allow, &p.Tools.Deny, &p.HostSafety.Allow,
		&p.Binds.AllowedRoots, &p.Containers.Names, &p.Containers.Labels,
		&p.Exec.Containers.Names, &p.Exec.Containers.Labels} {
		if *l == nil {
			*l = []string{} // printed as [], not null
		}
	}
	for _, d := range served.All() {
		out.Tools = append(out.Tools, d.Name)
	}
	for _, f := range cfg.Filters {
		out.Filters = append(out.Filters, f.Path)
	}
	enc := json.NewEncoder(s.out)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
