package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/guests"
	"github.com/dockmcp/dockmcp/runtime/tools"
)

func serveCmd(s streams, g *globals) *cobra.Command {
	var hf httpFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve MCP over stdio (what MCP clients start), or over HTTP with --http",
		Example: `  dockmcp serve
  DOCKMCP_HTTP_TOKEN=$(cat ~/.dockmcp-token) dockmcp serve --http 127.0.0.1:8080`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var cfg server.HTTPConfig
			if hf.addr != "" {
				var err error
				if cfg, err = hf.config(s); err != nil {
					return err
				}
			}
			h, err := g.host(s)
			if err != nil {
				return err
			}
			defer h.Close(context.Background())
			if hf.addr != "" {
				return h.ServeHTTP(cmd.Context(), cfg)
			}
			return h.ServeStdio(cmd.Context(), s.in, s.out)
		},
	}
	hf.register(cmd.Flags())
	return cmd
}

func callCmd(s streams, g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "call TOOL [JSON-ARGUMENTS]",
		Short: "Call one tool through the same path as the server and print the result",
		Example: `  dockmcp call list_containers '{"all":true}'
  dockmcp call container_logs '{"containerId":"web","tail":20}'`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			h, err := g.host(s)
			if err != nil {
				return err
			}
			defer h.Close(context.Background())
			raw := json.RawMessage("{}")
			if len(args) == 2 {
				raw = json.RawMessage(args[1])
			}
			res := h.Call(cmd.Context(), args[0], raw)
			enc := json.NewEncoder(s.out)
			enc.SetIndent("", "  ")
			if err := enc.Encode(res); err != nil {
				return err
			}
			if res.IsError {
				return exitCode(1)
			}
			return nil
		},
	}
}

func toolsCmd(s streams) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "tools",
		Short: "List the tools with their annotations",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			catalog, err := tools.Parse(guests.ToolDescriptors()...)
			if err == nil {
				err = catalog.Check()
			}
			if err != nil {
				return err
			}
			if asJSON {
				return writeToolsJSON(s, catalog)
			}
			return writeToolsTable(s, catalog)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the tools as MCP's tools/list shows them")
	return cmd
}

func writeToolsJSON(s streams, c *tools.Catalog) error {
	var list []any
	for _, d := range c.All() {
		list = append(list, server.Tool(d))
	}
	enc := json.NewEncoder(s.out)
	enc.SetIndent("", "  ")
	return enc.Encode(list)
}

func writeToolsTable(s streams, c *tools.Catalog) error {
	w := tabwriter.NewWriter(s.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "TOOL\tREAD-ONLY\tDESTRUCTIVE\tIDEMPOTENT\tOPEN-WORLD\tTITLE")
	for _, d := range c.All() {
		a := d.Annotations
		fmt.Fprintf(w, "%s\t%v\t%v\t%v\t%v\t%s\n", d.Name, *a.ReadOnlyHint,
			*a.DestructiveHint, *a.IdempotentHint, *a.OpenWorldHint, d.Title)
	}
	return w.Flush()
}

func versionCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, the ABI and the guest hashes",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(s.out, "dockmcp %s (guest ABI v1)\n%s", server.Version, guests.Sums)
			return nil
		},
	}
}
