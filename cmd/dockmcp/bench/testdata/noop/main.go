// Command noop is a bare mcp-go stdio server with one tool, noop, that
// answers "ok" at once. The benchmarks call it next to dockmcp to tell what
// the protocol and the transport cost from what dockmcp adds.
//
// It is configured as cmd/dockmcp/server configures its MCP server, so the
// two differ only in what their tool handlers do.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	s := server.NewMCPServer("noop", "0",
		server.WithToolCapabilities(false),
		server.WithRecovery(),
	)
	s.AddTool(mcp.NewTool("noop", mcp.WithDescription("Answers ok at once.")), noop)
	if err := server.ServeStdio(s); err != nil {
		fmt.Fprintln(os.Stderr, "noop:", err)
		os.Exit(1)
	}
}

func noop(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("ok"), nil
}
