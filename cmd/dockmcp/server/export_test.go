package server

import (
	"context"
	"net"

	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"

	"github.com/dockmcp/dockmcp/hostfuncs/progress"
)

// ServeHTTPOn serves srv (h.MCP() plus whatever a test added) on ln.
func (h *Host) ServeHTTPOn(ctx context.Context, ln net.Listener, srv *mcpserver.MCPServer,
	cfg HTTPConfig) error {
	cfg.Addr = ln.Addr().String()
	if err := cfg.check(); err != nil {
		return err
	}
	return h.serveHTTP(ctx, ln, srv, cfg)
}

// ProgressHandler is a test tool that reports n progress updates through
// the path pull and push use, then answers "done".
func ProgressHandler(n int) mcpserver.ToolHandlerFunc {
	return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		ctx, flush := withProgress(ctx, req)
		r := progress.From(ctx)
		for i := 1; i <= n; i++ {
			r.Report(progress.Update{Progress: float64(i), Total: float64(n)}, true)
		}
		flush()
		return mcp.NewToolResultText("done"), nil
	}
}

// LiveToolInstances is the tool guest's live instances, for leak tests.
func (h *Host) LiveToolInstances() int { return h.tools.Live() }
